// One entrance on one device: a copy of the entrance's attendees (downloaded, then kept fresh from a cursor), the
// scans made while the network was gone (queued with their nonce and time, sent in batches once it is back), and the
// judging of a scan. Online, the server judges; offline, this copy judges with the same rules the server applies, and
// the server reports any scan it cannot accept (another device admitted the same ticket) as a conflict.
import { call, now, Offline } from './api.js';
import * as store from './store.js';

const SIGNED_PREFIX = 'EP1.';
const PAYLOAD = 45;
const SIGNATURE = 64;
const BATCH = 100;

export class Door {
  constructor(token, setup) {
    this.token = token;
    this.setup = setup; // { eventId, eventName, listId, listName, device }
    this.attendees = new Map();
    this.byCode = new Map();
    this.keys = new Map();
    this.ticketTypes = new Map();
    this.queue = [];
    this.cursor = null;
    this.list = null;
    this.syncing = null;
  }

  /** Loads what this device kept; downloads the entrance first when it has nothing yet. */
  async open() {
    const kept = await store.get('replica');
    if (kept && kept.listId === this.setup.listId) {
      this.cursor = kept.cursor;
      this.list = kept.list;
      this.ticketTypes = new Map(kept.ticketTypes);
      await this.useKeys(kept.keys);
      (await store.all('attendees')).forEach((a) => this.keep(a));
    } else {
      await store.clear('attendees');
    }
    this.queue = (await store.all('queue')).sort((a, b) => a.scanned_at.localeCompare(b.scanned_at));
    if (!this.cursor) {
      await this.refresh();
    }
  }

  /** Fetches every change since the cursor (throws Offline without a network). */
  async refresh() {
    if (this.ticketTypes.size === 0) {
      const types = await call('GET', `/api/ticket-types/event/${this.setup.eventId}`, { token: this.token });
      this.ticketTypes = new Map(types.ticket_types.map((t) => [t._id, t.name]));
    }
    let more = true;
    while (more) {
      const query = this.cursor ? `?limit=500&cursor=${encodeURIComponent(this.cursor)}` : '?limit=500';
      const page = await call('GET', `/api/check-in-lists/${this.setup.listId}/offline${query}`, { token: this.token });
      this.list = page.check_in_list;
      await this.useKeys(page.ticket_keys);
      page.attendees.forEach((a) => this.keep(a));
      await store.putAll('attendees', page.attendees);
      this.cursor = page.cursor;
      more = page.more;
    }
    await store.set('replica', {
      listId: this.setup.listId, cursor: this.cursor, list: this.list,
      keys: [...this.keys.values()].map((k) => k.view), ticketTypes: [...this.ticketTypes],
    });
  }

  counts() {
    let admitted = 0;
    let inside = 0;
    for (const a of this.attendees.values()) {
      admitted += a.admission?.entries > 0 ? 1 : 0;
      inside += a.admission?.inside ? 1 : 0;
    }
    return { admitted, inside, pending: this.queue.length };
  }

  /** Attendees whose name or email contains every word typed, at most 20. */
  search(text) {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) {
      return [];
    }
    const found = [];
    for (const a of this.attendees.values()) {
      const haystack = `${a.first_name} ${a.last_name} ${a.email}`.toLowerCase();
      if (words.every((w) => haystack.includes(w))) {
        found.push(a);
        if (found.length === 20) {
          break;
        }
      }
    }
    return found;
  }

  /**
   * Scans a ticket ({ code } read from a QR, or { registrationId } chosen by name). Answers
   * { result: admitted|exited|refused, reason, detail, attendee, admission, offline }.
   */
  async scan(ticket, direction) {
    const nonce = newNonce();
    // While older offline scans wait, new ones wait behind them: the server must see them in the order they happened.
    if (this.queue.length === 0) {
      try {
        const body = { direction, device: this.setup.device, nonce };
        if (ticket.code) {
          body.qr_code = ticket.code;
        } else {
          body.registration_id = ticket.registrationId;
        }
        const { scan } = await call('POST', `/api/check-in-lists/${this.setup.listId}/scans`, { token: this.token, body });
        const attendee = scan.registration ? this.attendees.get(scan.registration._id) : null;
        if (attendee && scan.admission) {
          attendee.admission = scan.admission;
          await store.putAll('attendees', [attendee]);
        }
        return { ...scan, nonce, attendee: attendee ?? scan.registration, ticket, offline: false };
      } catch (e) {
        if (!(e instanceof Offline)) {
          throw e;
        }
        // The server may have applied it before the answer was lost: the queued copy carries the same nonce.
        const outcome = await this.scanOffline(ticket, direction, nonce);
        return { ...outcome, triedOnline: true };
      }
    }
    return this.scanOffline(ticket, direction, nonce);
  }

  async scanOffline(ticket, direction, nonce) {
    const at = now();
    const found = await this.find(ticket);
    if (found.refusal) {
      return { result: 'refused', ...found.refusal, direction, nonce, ticket, offline: true };
    }
    const attendee = found.attendee;
    const admission = attendee.admission ?? { inside: false, entries: 0 };
    const refusal = found.revoked && direction === 'entry' ? REVOKED : refuse(this.list, attendee, admission, direction, at);
    if (refusal) {
      return { result: 'refused', ...refusal, direction, nonce, attendee, admission, ticket, offline: true };
    }
    attendee.admission = direction === 'entry'
      ? { ...admission, inside: true, entries: admission.entries + 1, last_entry_at: at.toISOString(),
          first_entry_at: admission.first_entry_at ?? at.toISOString(), last_device: this.setup.device }
      : { ...admission, inside: false, last_exit_at: at.toISOString(), last_device: this.setup.device };
    const queued = { nonce, direction, device: this.setup.device, scanned_at: at.toISOString() };
    if (ticket.code) {
      queued.qr_code = ticket.code;
    } else {
      queued.registration_id = ticket.registrationId;
    }
    this.queue.push(queued);
    await store.putAll('queue', [queued]);
    await store.putAll('attendees', [attendee]);
    return { result: direction === 'entry' ? 'admitted' : 'exited', direction, nonce, attendee,
      admission: attendee.admission, before: admission, ticket, offline: true };
  }

  /**
   * Undoes an accepted scan: one still waiting here is simply dropped; one the server has is undone there (throws
   * Offline without a network, or the server's 409 when it is no longer that ticket's last scan).
   */
  async undo(outcome) {
    await this.syncing;
    const attendee = outcome.attendee?._id ? this.attendees.get(outcome.attendee._id) : null;
    const queued = this.queue.some((s) => s.nonce === outcome.nonce);
    if (queued && outcome.triedOnline) {
      // It may have reached the server already: send the queue, then undo it there.
      await this.sync();
    } else if (queued) {
      this.queue = this.queue.filter((s) => s.nonce !== outcome.nonce);
      await store.deleteAll('queue', [outcome.nonce]);
      attendee.admission = outcome.before;
      await store.putAll('attendees', [attendee]);
      return { result: 'undone', direction: outcome.direction, attendee, admission: attendee.admission, offline: false };
    }
    const { scan } = await call('POST',
      `/api/check-in-lists/${this.setup.listId}/scans/${encodeURIComponent(outcome.nonce)}/undo`, { token: this.token });
    if (attendee && scan.admission) {
      attendee.admission = scan.admission;
      await store.putAll('attendees', [attendee]);
    }
    return { ...scan, attendee: attendee ?? scan.registration, offline: false };
  }

  /**
   * Sends the waiting scans, oldest first, in batches; answers the conflicts the server found (throws Offline
   * without a network, leaving the rest queued).
   */
  sync() {
    if (this.syncing) {
      return this.syncing;
    }
    this.syncing = this.send().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  async send() {
    const conflicts = [];
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, BATCH);
      const answer = await call('POST', `/api/check-in-lists/${this.setup.listId}/scans/batch`,
        { token: this.token, body: { scans: batch } });
      for (const result of answer.results) {
        const attendee = result.registration_id ? this.attendees.get(result.registration_id) : null;
        if (attendee && result.admission) {
          attendee.admission = result.admission;
        }
        if (result.result === 'conflict' && !result.repeated) {
          conflicts.push({ ...result, attendee });
        }
      }
      const sent = new Set(batch.map((s) => s.nonce));
      await store.deleteAll('queue', [...sent]);
      this.queue = this.queue.filter((s) => !sent.has(s.nonce));
    }
    return conflicts;
  }

  keep(attendee) {
    const before = this.attendees.get(attendee._id);
    if (before && before.qr_code !== attendee.qr_code) {
      this.byCode.delete(before.qr_code);
    }
    this.attendees.set(attendee._id, attendee);
    this.byCode.set(attendee.qr_code, attendee);
  }

  async useKeys(views) {
    for (const view of views ?? []) {
      if (!this.keys.has(view.key_id)) {
        this.keys.set(view.key_id, { view, key: await importKey(view.public_key) });
      }
    }
  }

  /** The attendee a ticket names (and whether that ticket is revoked), or the refusal: unknown or not checkable here. */
  async find(ticket) {
    if (ticket.registrationId) {
      return { attendee: this.attendees.get(ticket.registrationId) };
    }
    const code = ticket.code.trim();
    if (!code.startsWith(SIGNED_PREFIX)) {
      const attendee = this.byCode.get(code);
      return attendee ? { attendee } : { refusal: UNKNOWN };
    }
    const claims = await this.verify(code);
    if (claims === UNCHECKABLE) {
      return { refusal: UNCHECKABLE };
    }
    if (!claims || claims.eventId !== this.setup.eventId) {
      return { refusal: UNKNOWN };
    }
    const attendee = this.attendees.get(claims.registrationId);
    if (!attendee) {
      return { refusal: UNKNOWN };
    }
    return { attendee, revoked: claims.serial !== attendee.ticket_serial || claims.ticketTypeId !== attendee.ticket_type_id };
  }

  /**
   * The claims of a signed ticket whose Ed25519 signature one of the event's keys verifies; null for a forged or
   * malformed one; UNCHECKABLE when this device lacks its key (newer than the download) or Ed25519 itself.
   */
  async verify(code) {
    let bytes;
    try {
      bytes = fromBase64(code.slice(SIGNED_PREFIX.length).replaceAll('-', '+').replaceAll('_', '/'));
    } catch {
      return null;
    }
    if (bytes.length !== PAYLOAD + SIGNATURE || bytes[0] !== 1) {
      return null;
    }
    const view = new DataView(bytes.buffer);
    const keyId = view.getUint32(41).toString(16).padStart(8, '0');
    const key = this.keys.get(keyId);
    if (!key?.key) {
      return UNCHECKABLE;
    }
    const valid = await crypto.subtle.verify('Ed25519', key.key, bytes.slice(PAYLOAD), bytes.slice(0, PAYLOAD));
    return valid ? {
      registrationId: hex(bytes.slice(1, 13)), eventId: hex(bytes.slice(13, 25)),
      ticketTypeId: hex(bytes.slice(25, 37)), serial: view.getInt32(37),
    } : null;
  }
}

const UNKNOWN = { reason: 'unknown_code', detail: 'Unknown ticket' };
const REVOKED = { reason: 'revoked', detail: 'This ticket was replaced or cancelled' };
const UNCHECKABLE = { reason: 'uncheckable', detail: 'This ticket cannot be checked offline on this device' };

/** The entrance's rules, as the server applies them (CheckInScans.refusal), on this device's copy. */
function refuse(list, attendee, admission, direction, at) {
  if (direction === 'exit') {
    return admission.inside ? null : { reason: 'not_inside', detail: 'Not inside: no entry to leave from' };
  }
  switch (attendee.status) {
    case 'CONFIRMED':
      break;
    case 'PENDING':
      return attendee.payment_status !== 'COMPLETED' && attendee.payment_amount > 0
        ? { reason: 'unpaid', detail: 'Registration is not paid' }
        : { reason: 'unapproved', detail: 'Registration is not approved' };
    case 'CANCELLED':
      return { reason: 'canceled', detail: 'Registration is cancelled' };
    case 'REJECTED':
      return { reason: 'rejected', detail: 'Registration was rejected' };
    default:
      return { reason: 'waitlisted', detail: 'Registration is on the waitlist' };
  }
  const types = list.ticket_type_ids;
  if (types && types.length > 0 && !types.includes(attendee.ticket_type_id)) {
    return { reason: 'product', detail: 'This ticket type does not enter here' };
  }
  if ((list.valid_from && at < new Date(list.valid_from)) || (list.valid_until && at > new Date(list.valid_until))) {
    return { reason: 'invalid_time', detail: "Outside this entrance's opening hours" };
  }
  const mayComeAgain = list.allow_multiple_entries || (!admission.inside && list.allow_entry_after_exit);
  if (admission.entries > 0 && !mayComeAgain) {
    return { reason: 'already_redeemed', detail: admission.inside ? 'Already checked in' : 'Already used: no re-entry here' };
  }
  return null;
}

async function importKey(spkiBase64) {
  try {
    return await crypto.subtle.importKey('spki', fromBase64(spkiBase64), 'Ed25519', false, ['verify']);
  } catch {
    // A browser without Ed25519 in WebCrypto (or outside https): signed tickets are then checked online only.
    return null;
  }
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function hex(bytes) {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function newNonce() {
  return crypto.randomUUID ? crypto.randomUUID()
    : [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

