import { z } from 'zod';

export { ChannelSchema, type Channel } from '../customer';

/** Marketing is promotional and fully gated; transactional answers something the customer did. */
export const MessageKindSchema = z.enum(['marketing', 'transactional']);
export type MessageKind = z.infer<typeof MessageKindSchema>;

export const HhmmSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour)');
