import { systemClock } from '@/domain/clock';
import { withRequest } from '@/server/http/with-request';
import { receiveTrackEvents } from '@/server/services/ingest/receive-track-events';

// POST /api/events: the track API (Bearer API key); up to 100 events, deduplicated on messageId; stored, 202, processed after
export const POST = withRequest(async (req, rc) => receiveTrackEvents(req, { clock: systemClock, log: rc.log }));
