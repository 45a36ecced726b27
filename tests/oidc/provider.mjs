// A real OpenID Connect provider for the test suite: `node provider.mjs DIRECTORY.json PORT`.
//
// oidc-provider (a certified implementation) on http://127.0.0.1:PORT, with the clients and users
// of DIRECTORY.json (tests/oidc/directory.json): each user has a password and the claims their ID
// token carries (email, email_verified, groups...). Its sign-in page is a plain form (no script, no
// request to any other site) that checks those passwords; consent is pre-granted, as for a company's
// own applications. Test-only choices, never for production:
//   - redirect and post-log-out URIs on 127.0.0.1 match whatever their port (every test app listens on
//     a port the system picks; RFC 8252 does the same for native clients);
//   - keys are made afresh at each start, and everything is kept in memory.
// It prints "ready ISSUER" on stdout once it listens, and stops on SIGTERM.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';

const [directoryFile, port] = process.argv.slice(2);
const directory = JSON.parse(readFileSync(directoryFile, 'utf8'));
const issuer = `http://127.0.0.1:${port}`;

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><h1>${escape(title)}</h1>${body}</body></html>`;

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signing = { ...(await exportJWK(privateKey)), kid: 'test-signing', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: directory.clients,
  jwks: { keys: [signing] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username'],
    groups: ['groups', '_claim_names', '_claim_sources'], // past 200 groups Entra ID sends a pointer instead
  },
  conformIdTokenClaims: false, // the scope's claims go into the ID token, as Entra ID, Okta and Keycloak do
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = page('Sign out of the identity provider?', `${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`);
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = page('Signed out', '<p>You are signed out of the identity provider.</p>');
      },
    },
  },
  ttl: { IdToken: 300, AccessToken: 300, Interaction: 600, Session: 3600, Grant: 3600 },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    ctx.body = page('Identity provider error', `<p>${escape(out.error)}: ${escape(out.error_description ?? '')}</p>`);
  },
  findAccount: async (ctx, sub) => {
    const user = directory.users[sub];
    if (!user) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...user.claims }) };
  },
  // the company's own applications: no consent screen
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile groups');
    await grant.save();
    return grant;
  },
});

const loopback = (value) => {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1') return null;
    url.port = '';
    return url.href;
  } catch {
    return null;
  }
};
const anyPort = (original, registered) => function allowed(value) {
  const wanted = loopback(value);
  return original.call(this, value) || (wanted !== null && this[registered].some((uri) => loopback(uri) === wanted));
};
provider.Client.prototype.redirectUriAllowed = anyPort(provider.Client.prototype.redirectUriAllowed, 'redirectUris');
provider.Client.prototype.postLogoutRedirectUriAllowed = anyPort(
  provider.Client.prototype.postLogoutRedirectUriAllowed,
  'postLogoutRedirectUris',
);

const readForm = (req) => new Promise((resolve, reject) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; if (body.length > 10000) req.destroy(); });
  req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(body))));
  req.on('error', reject);
});

const loginForm = (uid, message) => page('Sign in to the test identity provider', `${message ? `<p role="alert">${escape(message)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
<label>User <input name="login" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form>`);

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  const match = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(req.url);
  if (!match) {
    callback(req, res);
    return;
  }
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(loginForm(details.uid));
      return;
    }
    const form = await readForm(req);
    const user = directory.users[form.login];
    if (!user || user.password !== form.password) {
      res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' });
      res.end(loginForm(details.uid, 'wrong user or password'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: form.login } }, { mergeWithLastSubmission: false });
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page('Sign-in failed', `<p>${escape(error.message)}</p>`));
  }
});

server.listen(Number(port), '127.0.0.1', () => console.log(`ready ${issuer}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
