import { withApiKey } from '@/server/http/with-api-key';
import { receiveTrackEvents } from '@/server/services/ingest/receive-track-events';

// POST /api/events: the track API (Bearer API key); up to 100 events, deduplicated on messageId; stored, 202, processed after
export const POST = withApiKey(receiveTrackEvents);
