/*
 * Sign-in for the workbench: OpenID Connect authorization code with PKCE (S256) against the county's provider, written
 * out here because county intranets have no internet (no CDN) and the flow is small. Tokens live in memory and in
 * sessionStorage (this tab only, gone when it closes); the access token is refreshed a minute before it expires.
 */
'use strict';
const Auth = (() => {
  const STORE = 'workbench.tokens';
  const PENDING = 'workbench.pending';
  let config = null;
  let endpoints = null;
  let tokens = null;
  let refreshTimer = null;
  let refreshing = null;

  function base64url(bytes) {
    let s = '';
    bytes.forEach(b => { s += String.fromCharCode(b); });
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomString(length) {
    const bytes = new Uint8Array(length);
    crypto.getRandomValues(bytes);
    return base64url(bytes);
  }

  // crypto.subtle exists only in secure contexts (https, 127.0.0.1, localhost); an intranet address over plain http is
  // not one, so the challenge falls back to this SHA-256 (FIPS 180-4), used for nothing else.
  function sha256(bytes) {
    const K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
      0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6,
      0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3,
      0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
      0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
      0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814,
      0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2];
    const H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    const length = bytes.length;
    const padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[length] = 0x80;
    const view = new DataView(padded.buffer);
    view.setUint32(padded.length - 4, length * 8);
    view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
    const w = new Uint32Array(64);
    const rotr = (x, n) => (x >>> n) | (x << (32 - n));
    for (let off = 0; off < padded.length; off += 64) {
      for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
      for (let i = 16; i < 64; i++) {
        const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      let [a, b, c, d, e, f, g, h] = H;
      for (let i = 0; i < 64; i++) {
        const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
      H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
    }
    const out = new Uint8Array(32);
    const outView = new DataView(out.buffer);
    H.forEach((v, i) => outView.setUint32(i * 4, v));
    return out;
  }

  async function challenge(verifier) {
    const data = new TextEncoder().encode(verifier);
    if (window.crypto && crypto.subtle) {
      return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', data)));
    }
    return base64url(sha256(data));
  }

  function claimsOf(jwt) {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part + '='.repeat((4 - part.length % 4) % 4)), c => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  function redirectUri() {
    return location.origin + location.pathname;
  }

  function store(response) {
    const now = Date.now();
    tokens = {
      access: response.access_token,
      refresh: response.refresh_token || (tokens && tokens.refresh),
      id: response.id_token || (tokens && tokens.id),
      expiresAt: now + (response.expires_in || 300) * 1000,
      refreshExpiresAt: response.refresh_expires_in ? now + response.refresh_expires_in * 1000 : null,
    };
    sessionStorage.setItem(STORE, JSON.stringify(tokens));
    schedule();
  }

  function schedule() {
    clearTimeout(refreshTimer);
    const due = Math.max(5000, tokens.expiresAt - Date.now() - 60000);
    refreshTimer = setTimeout(() => refresh().catch(() => signIn()), due);
  }

  async function tokenRequest(form) {
    const response = await fetch(endpoints.token_endpoint, {
      method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams(form).toString(),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.error_description || body.error || ('登录服务返回 ' + response.status));
    }
    return body;
  }

  function refresh() {
    if (!tokens || !tokens.refresh || (tokens.refreshExpiresAt && tokens.refreshExpiresAt < Date.now())) {
      return Promise.reject(new Error('登录已过期'));
    }
    if (!refreshing) {
      refreshing = tokenRequest({grant_type: 'refresh_token', refresh_token: tokens.refresh, client_id: config.clientId})
        .then(store)
        .finally(() => { refreshing = null; });
    }
    return refreshing;
  }

  async function signIn() {
    const verifier = randomString(48);
    const state = randomString(24);
    const nonce = randomString(24);
    sessionStorage.setItem(PENDING, JSON.stringify({state, verifier, nonce, hash: location.hash}));
    const params = new URLSearchParams({
      client_id: config.clientId,
      response_type: 'code',
      scope: 'openid',
      redirect_uri: redirectUri(),
      state,
      nonce,
      code_challenge: await challenge(verifier),
      code_challenge_method: 'S256',
    });
    location.assign(endpoints.authorization_endpoint + '?' + params.toString());
    return new Promise(() => {});
  }

  /** The provider sent the browser back with ?code=…&state=…: exchange the code, restore the page's route. */
  async function completeSignIn(params) {
    const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
    sessionStorage.removeItem(PENDING);
    if (!pending || pending.state !== params.get('state')) {
      throw new Error('登录回调与本页发出的请求不符，请重新登录');
    }
    const response = await tokenRequest({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: config.clientId,
      code_verifier: pending.verifier,
    });
    if (response.id_token && claimsOf(response.id_token).nonce !== pending.nonce) {
      throw new Error('登录回调的 nonce 不符，请重新登录');
    }
    store(response);
    history.replaceState(null, '', location.pathname + (pending.hash || ''));
  }

  /** Resolves once a user is signed in (or navigates away to the sign-in page). */
  async function init(workbenchConfig) {
    config = workbenchConfig;
    const discovery = await fetch(config.identityUrl + '/.well-known/openid-configuration');
    if (!discovery.ok) {
      throw new Error('无法连接登录服务 ' + config.identityUrl);
    }
    endpoints = await discovery.json();
    const params = new URLSearchParams(location.search);
    if (params.has('error')) {
      history.replaceState(null, '', location.pathname + location.hash);
      throw new Error('登录未完成：' + (params.get('error_description') || params.get('error')));
    }
    if (params.has('code')) {
      await completeSignIn(params);
      return user();
    }
    tokens = JSON.parse(sessionStorage.getItem(STORE) || 'null');
    if (tokens && tokens.expiresAt - Date.now() > 30000) {
      schedule();
      return user();
    }
    if (tokens) {
      try {
        await refresh();
        return user();
      } catch (expired) {
        tokens = null;
        sessionStorage.removeItem(STORE);
      }
    }
    return signIn();
  }

  /** A current access token, refreshed first when it is about to expire. */
  async function accessToken() {
    if (!tokens) {
      return signIn();
    }
    if (tokens.expiresAt - Date.now() < 30000) {
      try {
        await refresh();
      } catch (expired) {
        return signIn();
      }
    }
    return tokens.access;
  }

  /** Who is signed in, from the access token's claims (roles, unit_code, member_id). */
  function user() {
    const claims = claimsOf(tokens.access);
    const roles = Array.isArray(claims.roles) ? claims.roles : [];
    return {
      subject: claims.sub,
      username: claims.preferred_username || claims.sub,
      name: claims.name || claims.preferred_username || claims.sub,
      roles,
      unitCode: claims.unit_code || null,
      memberId: claims.member_id || null,
      has: role => roles.includes(role),
    };
  }

  function signOut() {
    const idToken = tokens && tokens.id;
    tokens = null;
    clearTimeout(refreshTimer);
    sessionStorage.removeItem(STORE);
    const params = new URLSearchParams({client_id: config.clientId, post_logout_redirect_uri: redirectUri()});
    if (idToken) {
      params.set('id_token_hint', idToken);
    }
    location.assign(endpoints.end_session_endpoint + '?' + params.toString());
  }

  return {init, accessToken, refresh, signIn, signOut, user, sha256, base64url};
})();
