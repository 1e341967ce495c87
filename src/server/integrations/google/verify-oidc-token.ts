import { OAuth2Client } from 'google-auth-library';

let client: { certsUrl: string | undefined; client: OAuth2Client } | undefined;

function oauthClient(certsUrl: string | undefined): OAuth2Client {
  if (!client || client.certsUrl !== certsUrl) {
    client = { certsUrl, client: new OAuth2Client(certsUrl ? { endpoints: { oauth2FederatedSignonPemCertsUrl: certsUrl } } : {}) };
  }
  return client.client;
}

/**
 * Verifies a Google-signed OIDC token (as Cloud Scheduler sends) for the given audience and
 * service account. Returns false for anything else; never throws on a bad token.
 */
export async function verifyGoogleOidcToken(token: string, expect: { audience: string; serviceAccount: string; certsUrl?: string }): Promise<boolean> {
  try {
    const ticket = await oauthClient(expect.certsUrl).verifyIdToken({ idToken: token, audience: expect.audience });
    const payload = ticket.getPayload();
    return !!payload && payload.email === expect.serviceAccount && payload.email_verified === true;
  } catch {
    return false;
  }
}
