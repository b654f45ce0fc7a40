// The screens: sign in, choose the entrance, then scan. Every result is a full-screen answer in words; everything a
// scan needs offline lives in Door (door.js).
import QrScanner from './vendor/qr-scanner.min.js';
import { ApiError, call, Offline } from './api.js';
import { Door } from './door.js';
import * as store from './store.js';

const $ = (id) => document.getElementById(id);
const SYNC_EVERY_MS = 3000;
/** How often the guest list's changes (other devices' scans included) are fetched while the network is there. */
const REFRESH_EVERY_MS = 10000;
const ADMITTED_SHOWN_MS = 2500;
/** A code the camera still sees after its answer is not scanned again for this long. */
const SAME_CODE_PAUSE_MS = 8000;

let session;
let door;
let scanner;
let busy = false;
let lastCode = { code: null, at: 0 };
let lastAccepted = null;
let closeTimer;
let online = true;
let ticking = false;
let refreshedAt = 0;

const WORDS = {
  unpaid: 'Not paid: take payment, then confirm',
  unapproved: 'Not approved yet: ask the organizer',
  canceled: 'Cancelled registration: do not admit',
  rejected: 'Rejected registration: do not admit',
  waitlisted: 'On the waitlist: no seat yet',
  product: 'Wrong entrance: this ticket type does not enter here',
  invalid_time: "Closed now: outside this entrance's opening hours",
  not_inside: 'Not inside: there is no entry to leave from',
  unknown_code: 'Unknown ticket: not for this event',
  revoked: 'Old ticket: it was replaced or cancelled; ask for the current one',
  uncheckable: "Can't check this ticket offline: find the person by name",
  nonce_reused: 'Scan id reused by another scan',
};

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }) : '';
}

/** The reason of a refusal in words a door person acts on. */
function inWords(reason, detail, admission) {
  if (reason === 'already_redeemed') {
    if (admission?.inside && admission.last_entry_at) {
      return `Already inside since ${time(admission.last_entry_at)}${admission.last_device ? `, ${admission.last_device}` : ''}`;
    }
    return detail || 'Already used: no re-entry here';
  }
  return WORDS[reason] ?? detail ?? 'Refused';
}

function nameOf(attendee) {
  return attendee ? `${attendee.first_name ?? ''} ${attendee.last_name ?? ''}`.trim() : '';
}

function show(screen) {
  for (const id of ['login', 'setup', 'door']) {
    $(id).hidden = id !== screen;
  }
  const first = $(screen).querySelector('input, select, button');
  first?.focus();
}

function error(form, message) {
  form.querySelector('[data-error]').textContent = message;
}

function setNetwork(isOnline) {
  online = isOnline;
  const pending = door ? door.queue.length : 0;
  $('network').textContent = isOnline ? 'Online' : `Offline${pending ? `: ${pending} waiting` : ''}`;
  $('network').classList.toggle('offline', !isOnline);
}

function renderCounts() {
  const counts = door.counts();
  $('admitted').textContent = counts.admitted;
  $('inside').textContent = counts.inside;
  $('pending').textContent = counts.pending;
  setNetwork(online);
}

// ---- the result screen ----

function showResult(outcome) {
  const panel = $('result');
  const accepted = outcome.result === 'admitted' || outcome.result === 'exited';
  panel.className = outcome.result;
  $('result-icon').textContent = { admitted: '✓', exited: '↩', undone: '↶', problem: '!' }[outcome.result] ?? '✕';
  $('result-title').textContent = { admitted: 'Admitted', exited: 'Exit recorded', undone: 'Undone', problem: 'Problem' }[outcome.result]
    ?? 'Do not admit';
  $('result-name').textContent = nameOf(outcome.attendee);
  const ticketType = door.ticketTypes.get(outcome.attendee?.ticket_type_id);
  $('result-detail').textContent = outcome.result === 'undone'
    ? `Not counted: ${outcome.admission?.inside ? 'inside' : 'not inside'} again`
    : accepted
    ? [ticketType, outcome.admission?.entries > 1 && outcome.result === 'admitted' ? `entry ${outcome.admission.entries}` : '']
      .filter(Boolean).join(' · ')
    : inWords(outcome.reason, outcome.detail, outcome.admission);
  $('result-offline').textContent = outcome.offline && accepted ? 'Offline: saved on this device, it syncs by itself' : '';
  panel.hidden = false;
  $('result-close').focus();
  clearTimeout(closeTimer);
  if (accepted || outcome.result === 'undone') {
    closeTimer = setTimeout(closeResult, ADMITTED_SHOWN_MS);
  }
}

function closeResult() {
  clearTimeout(closeTimer);
  if ($('result').hidden) {
    return;
  }
  $('result').hidden = true;
  lastCode.at = Date.now();
  $('code').focus({ preventScroll: true });
}

// ---- scanning ----

/** Runs one door action at a time (a scan or an undo) and shows its outcome. */
async function act(action) {
  if (busy) {
    return;
  }
  busy = true;
  try {
    const outcome = await action();
    showResult(outcome);
    renderCounts();
    if (outcome.offline) {
      setNetwork(false);
    }
  } catch (e) {
    await failed(e);
  } finally {
    busy = false;
  }
}

/** The scan "Undo" would undo, named on the button so nobody undoes the wrong person. */
function setUndoable(outcome) {
  lastAccepted = outcome;
  $('undo').disabled = !outcome;
  $('undo').textContent = outcome ? `Undo: ${nameOf(outcome.attendee)} ${outcome.result === 'admitted' ? 'in' : 'out'}` : 'Undo last scan';
}

function direction() {
  return document.querySelector('input[name="direction"]:checked').value;
}

function scan(ticket) {
  return act(async () => {
    const outcome = await door.scan(ticket, direction());
    if (outcome.result === 'admitted' || outcome.result === 'exited') {
      setUndoable(outcome);
    }
    return outcome;
  });
}

function undo() {
  const undone = lastAccepted;
  return act(async () => {
    try {
      const outcome = await door.undo(undone);
      setUndoable(null);
      return outcome;
    } catch (e) {
      if (e instanceof Offline) {
        return { result: 'problem', attendee: undone.attendee, detail: 'Undo needs the network: this scan was already sent. Try again when online.' };
      }
      throw e;
    }
  });
}

function onCode(code) {
  if (!$('result').hidden || busy) {
    return;
  }
  if (code === lastCode.code && Date.now() - lastCode.at < SAME_CODE_PAUSE_MS) {
    return;
  }
  lastCode = { code, at: Date.now() };
  scan({ code });
}

async function toggleCamera() {
  if (scanner) {
    scanner.stop();
    scanner.destroy();
    scanner = null;
    $('camera-toggle').textContent = 'Start camera';
    return;
  }
  scanner = new QrScanner($('video'), (result) => onCode(result.data),
    { returnDetailedScanResult: true, preferredCamera: 'environment', maxScansPerSecond: 10 });
  try {
    await scanner.start();
    $('camera-toggle').textContent = 'Stop camera';
  } catch (e) {
    scanner.destroy();
    scanner = null;
    showResult({ result: 'problem', detail: `No camera: ${e?.message ?? e}. Type the code or search by name.` });
  }
}

async function scanPhoto(file) {
  try {
    const result = await QrScanner.scanImage(file, { returnDetailedScanResult: true });
    await scan({ code: result.data });
  } catch {
    showResult({ result: 'problem', detail: 'No QR code found in the photo' });
  }
}

function renderFound() {
  const list = $('found');
  list.replaceChildren();
  for (const attendee of door.search($('name').value)) {
    const item = document.createElement('li');
    const label = document.createElement('span');
    const state = attendee.admission?.inside ? 'inside' : attendee.status.toLowerCase();
    label.textContent = `${nameOf(attendee)} · ${door.ticketTypes.get(attendee.ticket_type_id) ?? ''} · ${state}`;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = direction() === 'entry' ? 'Admit' : 'Check out';
    button.setAttribute('aria-label', `${button.textContent} ${nameOf(attendee)}`);
    button.addEventListener('click', () => scan({ registrationId: attendee._id }));
    item.append(label, button);
    list.append(item);
  }
}

// ---- keeping in step with the server ----

/** Sends what waits, then fetches the guest list's changes; one at a time, problems shown as a notice. */
async function tick() {
  if (!door || ticking) {
    return;
  }
  ticking = true;
  try {
    const synced = door.queue.length > 0;
    if (synced) {
      const conflicts = await door.sync();
      if (conflicts.length > 0) {
        $('notice').textContent = `${conflicts.length} offline scan${conflicts.length > 1 ? 's were' : ' was'} not accepted: `
          + conflicts.map((c) => `${nameOf(c.attendee) || 'unknown ticket'} (${inWords(c.reason, c.detail, c.admission)})`).join('; ');
      }
    }
    if (synced || Date.now() - refreshedAt > REFRESH_EVERY_MS) {
      await door.refresh();
      refreshedAt = Date.now();
    }
    setNetwork(true);
  } catch (e) {
    if (e instanceof Offline) {
      setNetwork(false);
    } else if (e instanceof ApiError && e.status === 401) {
      await failed(e);
    } else {
      $('notice').textContent = `Could not sync: ${e.message}`;
    }
  } finally {
    ticking = false;
  }
  if (door) {
    renderCounts();
  }
}

async function failed(e) {
  if (e instanceof ApiError && e.status === 401) {
    // Stop the background work until someone signs in again; the queued scans stay in IndexedDB.
    door = null;
    session = null;
    await store.remove('session');
    show('login');
    error($('login'), 'Signed out: sign in again. Offline scans are kept.');
    return;
  }
  showResult({ result: 'problem', detail: e instanceof ApiError ? e.message : `Something went wrong: ${e.message}` });
}

// ---- the screens ----

async function startDoor(setup) {
  door = new Door(session.token, setup);
  try {
    await door.open();
  } catch (e) {
    door = null;
    show('setup');
    error($('setup'), e instanceof Offline ? 'The guest list needs the network once: connect, then start again.' : e.message);
    return;
  }
  $('door-title').textContent = `${setup.eventName} · ${setup.listName}`;
  setUndoable(null);
  refreshedAt = Date.now();
  show('door');
  renderCounts();
  if (!scanner) {
    await toggleCamera();
  }
}

async function loadEvents() {
  const form = $('setup');
  try {
    const { events } = await call('GET', '/api/events?limit=100', { token: session.token });
    $('event').replaceChildren(...events.map((e) => new Option(`${e.name} (${new Date(e.start_date).toLocaleDateString()})`, e._id)));
    await loadLists();
    $('device').value ||= (await store.get('device')) ?? `Door ${Math.random().toString(36).slice(2, 5).toUpperCase()}`;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      await failed(e);
      return;
    }
    error(form, e instanceof Offline ? 'No network: connect to choose an event.' : e.message);
  }
}

async function loadLists() {
  const eventId = $('event').value;
  if (!eventId) {
    $('list').replaceChildren();
    return;
  }
  const { check_in_lists: lists } = await call('GET', `/api/check-in-lists?event_id=${eventId}`, { token: session.token });
  $('list').replaceChildren(...lists.map((l) => new Option(l.name, l._id)));
}

async function signedIn() {
  const setup = await store.get('setup');
  if (setup) {
    await startDoor(setup);
  } else {
    show('setup');
    await loadEvents();
  }
}

$('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.target;
  error(form, '');
  try {
    const answer = await call('POST', '/api/auth/login', { body: { email: $('email').value, password: $('password').value } });
    session = { token: answer.access_token, user: answer.user };
    await store.set('session', session);
    $('password').value = '';
    await signedIn();
  } catch (err) {
    error(form, err instanceof Offline ? 'No network: signing in needs it.' : err.message);
  }
});

$('event').addEventListener('change', () => loadLists().catch((e) => error($('setup'), e.message)));

$('setup').addEventListener('submit', async (e) => {
  e.preventDefault();
  const setup = {
    eventId: $('event').value, eventName: $('event').selectedOptions[0].text.replace(/ \([^)]*\)$/, ''),
    listId: $('list').value, listName: $('list').selectedOptions[0].text, device: $('device').value.trim(),
  };
  await store.set('device', setup.device);
  await store.set('setup', setup);
  await startDoor(setup);
});

$('sign-out').addEventListener('click', async () => {
  if ((await store.all('queue')).length > 0) {
    error($('setup'), 'Scans are still waiting to sync: connect first, then sign out.');
    return;
  }
  // Names and emails do not stay on a device nobody is signed in to.
  await Promise.all([store.remove('session'), store.remove('setup'), store.remove('replica'), store.clear('attendees')]);
  session = null;
  door = null;
  show('login');
});

$('change').addEventListener('click', async () => {
  if (door?.queue.length) {
    showResult({ result: 'problem', detail: 'Scans are still waiting to sync: connect first, then change the entrance.' });
    return;
  }
  await store.remove('setup');
  door = null;
  setUndoable(null);
  show('setup');
  await loadEvents();
});

$('camera-toggle').addEventListener('click', toggleCamera);
$('photo').addEventListener('change', (e) => {
  if (e.target.files[0]) {
    scanPhoto(e.target.files[0]);
  }
  e.target.value = '';
});
$('manual').addEventListener('submit', (e) => {
  e.preventDefault();
  const code = $('code').value.trim();
  $('code').value = '';
  if (code) {
    scan({ code });
  }
});
$('search').addEventListener('submit', (e) => e.preventDefault());
$('name').addEventListener('input', renderFound);
for (const radio of document.querySelectorAll('input[name="direction"]')) {
  radio.addEventListener('change', renderFound);
}
$('undo').addEventListener('click', () => {
  if (lastAccepted) {
    undo();
  }
});
$('result-close').addEventListener('click', closeResult);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' || (e.key === 'Enter' && !$('result').hidden)) {
    e.preventDefault();
    closeResult();
  }
});
window.addEventListener('online', tick);
window.addEventListener('offline', () => setNetwork(false));

async function main() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js').catch(() => {});
  }
  session = await store.get('session');
  if (session) {
    await signedIn();
  } else {
    show('login');
  }
  setInterval(tick, SYNC_EVERY_MS);
}

main();
