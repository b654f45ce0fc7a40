// The suite's API through the gateway (same origin). A request that gets no answer (no network, or none within the
// timeout) throws Offline; an answer with an error status throws ApiError with the API's {"detail"}.

export class Offline extends Error {}

export class ApiError extends Error {
  constructor(status, detail, body) {
    super(detail);
    this.status = status;
    this.body = body;
  }
}

const TIMEOUT_MS = 5000;

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
  const text = await response.text().catch(() => '');
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (response.status === 502 || response.status === 503 || response.status === 504) {
    throw new Offline(`gateway answered ${response.status}`);
  }
  if (!response.ok) {
    throw new ApiError(response.status, json?.detail ?? `HTTP ${response.status}`, json);
  }
  return json;
}
