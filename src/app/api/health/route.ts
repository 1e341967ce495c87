// GET /api/health: liveness for load balancers and the local stack
export function GET() {
  return Response.json({ ok: true });
}
