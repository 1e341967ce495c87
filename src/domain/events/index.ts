export * from './catalogue';
export * from './canonical-event';
export * from './event-data';
export * from './stored-event';
