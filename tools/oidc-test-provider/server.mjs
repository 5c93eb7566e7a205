// A real OpenID Provider for the HTTP intake's tests: panva's certified oidc-provider, configured for the
// client_credentials grant only, issuing JWT access tokens (RFC 9068) for a resource indicator (the audience) with the
// client's roles as a `roles` claim and, Keycloak style, as `realm_access.roles`.
//
// Usage: node server.mjs --config provider.json
// provider.json: {
//   "port": 8180, "issuer": "http://127.0.0.1:8180",
//   "jwksFile": "signing-keys.json",              // private JWKs, the first one signs; the test writes and rotates it
//   "audiences": ["https://fhirsync.test/intake"], // resource indicators it issues tokens for; the first is the default
//   "accessTokenTtlSeconds": 300,
//   "clients": [{ "clientId": "hospital-a", "clientSecret": "...", "roles": ["fhir-write"], "realmRoles": [] }]
// }
// Key rotation is a restart with a new jwksFile: the provider keeps no state, so the new set is all it publishes.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Provider, { errors } from 'oidc-provider';

const { values } = parseArgs({ options: { config: { type: 'string' } } });
if (!values.config) {
  console.error('usage: node server.mjs --config provider.json');
  process.exit(2);
}

const config = JSON.parse(readFileSync(values.config, 'utf8'));
const jwks = JSON.parse(readFileSync(config.jwksFile, 'utf8'));
const audiences = config.audiences ?? [];
const clientsById = new Map(config.clients.map((client) => [client.clientId, client]));
const signingKey = jwks.keys[0];
const signingAlg = signingKey.alg ?? (signingKey.kty === 'EC' ? 'ES256' : 'RS256');

const provider = new Provider(config.issuer, {
  jwks,
  // The provider insists that its clients' default signing algorithm has a key; with an EC key set that is ES256.
  clientDefaults: { id_token_signed_response_alg: signingAlg },
  clients: config.clients.map((client) => ({
    client_id: client.clientId,
    client_secret: client.clientSecret,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  })),
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: async (_ctx, _client, oneOf) => oneOf ?? audiences[0],
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, resourceIndicator) => {
        if (!audiences.includes(resourceIndicator)) throw new errors.InvalidTarget();
        return {
          scope: 'sync',
          audience: resourceIndicator,
          accessTokenTTL: config.accessTokenTtlSeconds ?? 300,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: signingAlg, kid: signingKey.kid } },
        };
      },
    },
  },
  extraTokenClaims: async (_ctx, token) => {
    const client = clientsById.get(token.clientId);
    const claims = {};
    if (client?.roles?.length) claims.roles = client.roles;
    if (client?.realmRoles?.length) claims.realm_access = { roles: client.realmRoles };
    return claims;
  },
});

const server = provider.listen(config.port, '127.0.0.1', () => {
  console.log(`oidc-test-provider listening on ${config.issuer} (signing key ${signingKey.kid}, ${signingAlg})`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
