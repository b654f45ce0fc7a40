// The suite's API through the gateway (same origin). A request that gets no usable answer (no network, none within
// the timeout, 429 or 5xx) throws Offline; any other error status throws ApiError with the API's {"detail"}.

export class Offline extends Error {}

export class ApiError extends Error {
  constructor(status, detail, body) {
    super(detail);
    this.status = status;
    this.body = body;
  }
}

const TIMEOUT_MS = 5000;
/** A device clock this far off the server's is corrected: the server refuses offline scans dated in its future. */
const CLOCK_TOLERANCE_MS = 60_000;
let clockOffset = 0;

/** The time now, by the server's clock as last seen (a phone's own clock can be minutes off). */
export function now() {
  return new Date(Date.now() + clockOffset);
}

export async function call(method, path, { token, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new Offline(e.message);
  }
  const serverTime = Date.parse(response.headers.get('Date'));
  if (!Number.isNaN(serverTime)) {
    const offset = serverTime - Date.now();
    clockOffset = Math.abs(offset) > CLOCK_TOLERANCE_MS ? offset : 0;
  }
  const text = await response.text().catch(() => '');
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  // Too many requests, or a server in trouble: like no network, try again later and judge on the device meanwhile.
  if (response.status === 429 || response.status >= 500) {
    throw new Offline(`the server answered ${response.status}`);
  }
  if (!response.ok) {
    throw new ApiError(response.status, json?.detail ?? `HTTP ${response.status}`, json);
  }
  return json;
}
