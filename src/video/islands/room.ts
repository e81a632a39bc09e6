/// <reference lib="dom" />
// The session room in the browser (pages/room-stage.tsx is its markup, CONTEXT.md its protocol):
// the pre-call check, the waiting room, a peer-to-peer call with perfect negotiation (the client
// polite, the coach impolite), chat over the peers' own data channel, and reconnecting both the
// call and the signalling socket. Bundled as one IIFE: no imports.

type Stage = 'precall' | 'waiting' | 'call' | 'ended';
type Kind = 'audio' | 'video';
type Signal = { description?: RTCSessionDescriptionInit | null; candidate?: RTCIceCandidateInit | null };
type Frame =
  | {
      t: 'welcome';
      admitted: boolean;
      ice: RTCConfiguration;
      startsAt: number;
      endsAt: number;
      closesAt: number;
    }
  | { t: 'peer'; state: 'absent' | 'waiting' | 'present'; sid?: string }
  | { t: 'admitted' }
  | { t: 'signal'; data: Signal }
  | { t: 'phone'; phone: string }
  | { t: 'closed'; reason: 'window' | 'replaced' | 'cancelled' };

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(`room-${id}`) as T | null;
const root = byId('stage');
if (root) room(root);

function room(root: HTMLElement) {
  const $ = <T extends HTMLElement = HTMLElement>(id: string) => byId<T>(id)!;
  const d = root.dataset;
  const coach = d.role === 'coach';
  const peerName = d.peerName ?? '';
  let startsAt = Number(d.starts);
  let endsAt = Number(d.ends);
  let closesAt = Infinity;
  const md = navigator.mediaDevices;
  const camSel = $<HTMLSelectElement>('camera');
  const micSel = $<HTMLSelectElement>('mic');
  const level = $<HTMLMeterElement>('level');
  const joinBtn = $<HTMLButtonElement>('join');
  const status = $('status');
  const remote = $<HTMLVideoElement>('remote');
  const chatLog = $('chat-log');
  const chatInput = $<HTMLInputElement>('chat-input');
  const chatSend = $<HTMLButtonElement>('chat-send');
  const phoneBox = $('phone');
  const shareBtn = $<HTMLButtonElement>('share');

  let stage: Stage = 'precall';
  const tracks: Partial<Record<Kind, MediaStreamTrack>> = {};
  let screen: MediaStreamTrack | null = null;
  let muted = false;
  let camOff = false;
  let noMic = false;
  let iceConfig: RTCConfiguration = {};

  let ws: WebSocket | null = null;
  let wsUp = false;
  let wsTries = 0;
  let wsTimer = 0;
  let over = false;
  let joined = false;
  let admitted = coach;
  const queue: string[] = [];

  let peerState = 'absent';
  let peerSid: string | undefined;
  let peerSeen = false;
  let pc: RTCPeerConnection | null = null;
  let pcSid: string | undefined;
  let dc: RTCDataChannel | null = null;
  let senders: Partial<Record<Kind, RTCRtpSender>> = {};
  // Perfect negotiation's flags, one pair per peer connection (a replaced one may still be busy).
  let neg = { making: false, ignore: false };
  let peerCam = true;
  let iceTries = 0;
  let iceTimer = 0;

  const setText = (id: string, text: string) => {
    $(id).textContent = text;
  };
  const press = (b: HTMLElement, on: boolean) => b.setAttribute('aria-pressed', String(on));
  const on = (id: string, f: () => unknown) => $(id).addEventListener('click', f);
  const errName = (e: unknown) => (e instanceof Error ? e.name : '');

  function show(next: Stage, focus = true) {
    stage = next;
    for (const s of ['precall', 'waiting', 'call', 'ended']) {
      const el = byId(s);
      if (el) el.hidden = s !== next;
    }
    document.body.dataset.roomStage = next;
    if (focus) byId(`${next}-title`)?.focus();
    preview();
    render();
  }

  // ---- Devices, preview, level meter ----

  const constraint = (sel: HTMLSelectElement): MediaTrackConstraints | boolean =>
    sel.value ? { deviceId: { exact: sel.value } } : true;

  function preview() {
    const v = screen ?? (camOff ? undefined : tracks.video);
    for (const id of ['preview', 'waiting-preview', 'local']) {
      const el = byId<HTMLVideoElement>(id);
      if (el) el.srcObject = v ? new MediaStream([v]) : null;
      if (el && id === 'local') el.hidden = !v;
    }
  }

  function setTrack(kind: Kind, t: MediaStreamTrack | undefined) {
    if (tracks[kind] !== t) tracks[kind]?.stop();
    tracks[kind] = t;
    if (kind === 'audio') {
      if (t) t.enabled = !muted;
      meter(t);
    } else preview();
  }

  const gum = async (kind: Kind) =>
    (await md.getUserMedia({ [kind]: constraint(kind === 'audio' ? micSel : camSel) })).getTracks()[0];

  let audioCtx: AudioContext | undefined;
  let meterSrc: AudioNode | undefined;
  function meter(t: MediaStreamTrack | undefined) {
    meterSrc?.disconnect();
    meterSrc = undefined;
    level.value = 0;
    if (!t || stage !== 'precall') return;
    try {
      audioCtx ??= new AudioContext();
      const an = audioCtx.createAnalyser();
      an.fftSize = 512;
      const src = audioCtx.createMediaStreamSource(new MediaStream([t]));
      src.connect(an);
      meterSrc = src;
      const buf = new Float32Array(an.fftSize);
      const tick = () => {
        if (meterSrc !== src || stage !== 'precall') return;
        an.getFloatTimeDomainData(buf);
        let sum = 0;
        for (const x of buf) sum += x * x;
        level.value = Math.min(1, Math.sqrt(sum / buf.length) * 5);
        requestAnimationFrame(tick);
      };
      tick();
    } catch {
      // No meter: the call still works.
    }
  }

  async function fillDevices() {
    const list = await md.enumerateDevices().catch(() => []);
    for (const [sel, kind, name] of [
      [camSel, 'videoinput', 'Camera'],
      [micSel, 'audioinput', 'Microphone'],
    ] as const) {
      const current = tracks[kind === 'videoinput' ? 'video' : 'audio']?.getSettings().deviceId ?? sel.value;
      const found = list.filter((x) => x.kind === kind && x.deviceId);
      if (!found.length) continue;
      sel.replaceChildren(
        ...found.map((x, i) => new Option(x.label || `${name} ${i + 1}`, x.deviceId, false, x.deviceId === current)),
      );
    }
  }

  async function acquire() {
    $('help').hidden = true;
    for (const p of ['denied', 'missing', 'nocam', 'unsupported']) $(`help-${p}`).hidden = true;
    let err: unknown;
    if (!md?.getUserMedia || !window.RTCPeerConnection) {
      help('unsupported');
      noMic = true;
    } else {
      try {
        const s = await md.getUserMedia({ audio: constraint(micSel), video: camOff ? false : constraint(camSel) });
        setTrack('audio', s.getAudioTracks()[0]);
        setTrack('video', s.getVideoTracks()[0]);
      } catch (e) {
        err = e;
        for (const kind of ['audio', 'video'] as const) {
          if (kind === 'video' && camOff) continue;
          try {
            setTrack(kind, await gum(kind));
          } catch (e2) {
            if (kind === 'audio') err = e2;
            setTrack(kind, undefined);
          }
        }
      }
      noMic = !tracks.audio;
      if (noMic) help(['NotAllowedError', 'SecurityError'].includes(errName(err)) ? 'denied' : 'missing');
      else if (!tracks.video && !camOff) help('nocam');
      await fillDevices();
    }
    $('audio-only').hidden = !tracks.audio || !!tracks.video || camOff;
    joinBtn.hidden = !$('audio-only').hidden;
    joinBtn.disabled = false;
    render();
  }

  function help(which: string) {
    $('help').hidden = false;
    $(`help-${which}`).hidden = false;
  }

  async function switchDevice(kind: Kind) {
    if (kind === 'video' && camOff) return;
    try {
      const t = await gum(kind);
      setTrack(kind, t);
      if (kind === 'audio' || !screen) await sendTrack(kind, t);
      alert('');
    } catch {
      alert(`We could not switch to that ${kind === 'audio' ? 'microphone' : 'camera'}. Choose another one.`);
    }
  }

  function alert(text: string) {
    const el = byId('call-alert');
    if (!el) return;
    el.textContent = text;
    el.hidden = !text;
  }

  // ---- Connection check (a throwaway peer connection) ----

  async function checkNet() {
    let words = 'We could not check the connection. The call may still work.';
    try {
      const res = await fetch(d.ice!, { credentials: 'same-origin' });
      if (res.ok) iceConfig = await res.json();
      const probe = new RTCPeerConnection(iceConfig);
      const seen = new Set<string>();
      probe.createDataChannel('check');
      await new Promise<void>((done) => {
        const timer = setTimeout(done, 5000);
        probe.onicecandidate = (e) => {
          const type = e.candidate ? / typ (\w+)/.exec(e.candidate.candidate)?.[1] : undefined;
          if (type) seen.add(type);
          else if (!e.candidate) {
            clearTimeout(timer);
            done();
          }
        };
        probe.setLocalDescription().catch(done);
      });
      probe.close();
      if (seen.has('srflx')) words = 'Direct connection possible';
      else if (seen.has('relay')) words = 'Connection through the relay server works';
      else if (seen.has('host')) words = 'Only a connection on the same network is possible';
    } catch {
      // words stay as they are
    }
    setText('net', words);
  }

  // ---- Signalling socket ----

  // Signals wait for the socket to come back; admit and leave only go when it is up.
  function send(msg: { t: string; data?: Signal }) {
    const text = JSON.stringify(msg);
    if (ws && wsUp) ws.send(text);
    else if (msg.t === 'signal') queue.push(text);
  }

  function connect() {
    wsTimer = 0;
    if (over) return;
    if (Date.now() > closesAt) return end('window');
    const s = new WebSocket(new URL(d.signal!, location.href).href.replace(/^http/, 'ws'));
    ws = s;
    s.onmessage = (e) => {
      try {
        onFrame(JSON.parse(String(e.data)) as Frame);
      } catch {
        // not ours
      }
    };
    s.onclose = () => {
      if (ws !== s) return;
      ws = null;
      wsUp = false;
      if (over) return;
      wsTimer = window.setTimeout(connect, Math.min(10000, 500 * 2 ** wsTries++));
      render();
    };
  }

  function onFrame(m: Frame) {
    switch (m.t) {
      case 'welcome':
        wsUp = true;
        wsTries = 0;
        iceConfig = m.ice;
        startsAt = m.startsAt;
        endsAt = m.endsAt;
        closesAt = m.closesAt;
        admitted ||= m.admitted;
        for (const text of queue.splice(0)) ws?.send(text);
        if (stage === 'precall' || (stage === 'waiting' && admitted)) show(admitted ? 'call' : 'waiting');
        break;
      case 'admitted':
        admitted = true;
        if (stage === 'waiting') show('call');
        startPc();
        break;
      case 'peer':
        peerState = m.state;
        if (m.state !== 'absent') peerSeen = true;
        if (m.sid) peerSid = m.sid;
        if (m.state === 'present') startPc();
        break;
      case 'signal':
        void onSignal(m.data);
        break;
      case 'phone': {
        const el = byId('phone-asked');
        if (el) {
          const a = document.createElement('a');
          a.href = `tel:${m.phone.replace(/[^\d+]/g, '')}`;
          a.textContent = m.phone;
          el.replaceChildren(`${peerName} asked to be called instead, on `, a, '.');
          el.hidden = false;
        }
        break;
      }
      case 'closed':
        end(m.reason);
        return;
    }
    render();
  }

  // ---- The call: perfect negotiation ----

  // The coach (impolite) always starts the negotiation; the client makes its peer connection when
  // the first offer comes. So the first connection never has crossed offers to roll back.
  function startPc() {
    if (!admitted || peerState !== 'present' || over) return;
    if (pc && peerSid !== pcSid) {
      if (!pcSid || pc.connectionState === 'connected') pcSid = peerSid;
      else closePc();
    }
    if (!pc && coach) media(newPc());
  }

  // A peer connection without media yet: media() adds the tracks and the chat channel, at once
  // for the coach, after the offer for the client (so that nothing there needs an offer of its own).
  function newPc() {
    const p = new RTCPeerConnection(iceConfig);
    pc = p;
    pcSid = peerSid;
    senders = {};
    const n = { making: false, ignore: false };
    neg = n;
    peerCam = true;
    const remoteStream = new MediaStream();
    remote.srcObject = remoteStream;
    p.ontrack = ({ track }) => {
      remoteStream.addTrack(track);
      remote.play().catch(() => {});
      render();
    };
    p.onnegotiationneeded = async () => {
      try {
        n.making = true;
        await p.setLocalDescription();
        if (pc === p) send({ t: 'signal', data: { description: p.localDescription } });
      } catch {
        // a new offer will follow
      } finally {
        n.making = false;
      }
    };
    p.onicecandidate = ({ candidate }) => {
      if (candidate && pc === p) send({ t: 'signal', data: { candidate } });
    };
    p.onconnectionstatechange = () => {
      if (pc !== p) return;
      watch();
      render();
    };
    // A watchdog: a call that has not connected within 10 s is retried like a failed one.
    iceTimer = window.setTimeout(restart, 10000);
    return p;
  }

  function media(p: RTCPeerConnection) {
    const ch = p.createDataChannel('chat', { negotiated: true, id: 0 });
    dc = ch;
    ch.onopen = ch.onclose = () => {
      if (dc === ch && ch.readyState === 'closed' && pc === p) {
        // The other browser closed its side (hung up or reloaded): start afresh when they are here.
        closePc();
        startPc();
      }
      if (ch.readyState === 'open') tellCam();
      render();
    };
    ch.onmessage = (e) => {
      try {
        const msg = JSON.parse(String(e.data)) as { text?: unknown; bye?: unknown; cam?: unknown };
        if (msg.bye) {
          peerState = 'absent';
          iceTries = 0;
          closePc();
        } else if (typeof msg.cam === 'boolean') peerCam = msg.cam;
        else if (typeof msg.text === 'string') addMessage(peerName, msg.text.slice(0, 2000));
      } catch {
        // not ours
      }
      render();
    };
    if (tracks.audio) senders.audio = p.addTrack(tracks.audio);
    const v = outVideo();
    if (v) senders.video = p.addTrack(v);
    render();
  }

  function closePc() {
    clearTimeout(iceTimer);
    iceTimer = 0;
    if (dc) dc.onclose = null;
    pc?.close();
    pc = dc = null;
    pcSid = undefined;
    remote.srcObject = null;
    queue.length = 0;
  }

  const fingerprint = (sdp: string | undefined) => /a=fingerprint:\S+ (\S+)/.exec(sdp ?? '')?.[1];

  async function onSignal({ description, candidate }: Signal) {
    if (!admitted) return;
    const offer = description?.type === 'offer';
    let fresh = !pc;
    if (fresh) {
      if (!offer) return;
      newPc();
    }
    try {
      if (description) {
        // An offer from a new peer connection (the other person reloaded): make a new one too.
        const current = fingerprint(pc!.remoteDescription?.sdp);
        if (offer && current && current !== fingerprint(description.sdp)) {
          closePc();
          newPc();
          fresh = true;
        }
        const p = pc!;
        const n = neg;
        const collision = offer && (n.making || p.signalingState !== 'stable');
        n.ignore = coach && collision;
        if (n.ignore) return;
        await p.setRemoteDescription(description);
        if (pc !== p) return;
        if (fresh) media(p);
        if (offer) {
          await p.setLocalDescription();
          send({ t: 'signal', data: { description: p.localDescription } });
        }
      } else if (candidate) {
        const n = neg;
        await pc!.addIceCandidate(candidate).catch((e) => {
          if (!n.ignore) throw e;
        });
      }
    } catch {
      // A stale or crossed message: perfect negotiation recovers with the next one.
    }
  }

  // Reconnecting the call: disconnected for over 2 s, or failed → retry with backoff.
  function watch() {
    const st = pc?.connectionState;
    if (st === 'connected') {
      clearTimeout(iceTimer);
      iceTimer = iceTries = 0;
    } else if (st === 'disconnected' || st === 'failed') {
      clearTimeout(iceTimer);
      iceTimer = window.setTimeout(restart, st === 'failed' ? 0 : 2000);
    }
  }

  // The coach restarts ICE, or makes a new peer connection when an offer got no answer; the
  // client follows the coach's offers (and counts the attempts, for the phone fallback).
  function restart() {
    iceTimer = 0;
    if (!pc || pc.connectionState === 'connected' || over) return;
    iceTries++;
    if (coach) {
      if (pc.signalingState === 'stable') pc.restartIce();
      else {
        closePc();
        media(newPc());
        clearTimeout(iceTimer);
      }
    }
    // Each attempt gets 3 s, then waits 1, 2, 4, 8, at most 15 s before the next.
    iceTimer = window.setTimeout(restart, 3000 + Math.min(15000, 1000 * 2 ** (iceTries - 1)));
    render();
  }

  // Tells the other browser whether our camera is on (its placeholder says so when it is off).
  function tellCam() {
    if (dc?.readyState === 'open') dc.send(JSON.stringify({ cam: !!outVideo() }));
  }

  const outVideo = () => screen ?? (camOff ? undefined : tracks.video);

  async function sendTrack(kind: Kind, t: MediaStreamTrack | undefined) {
    if (!pc) return;
    const s = senders[kind];
    if (s) await s.replaceTrack(t ?? null);
    else if (t) senders[kind] = pc.addTrack(t);
  }

  // ---- Controls ----

  async function toggleCamera() {
    camOff = !camOff;
    if (camOff) setTrack('video', undefined);
    else {
      try {
        setTrack('video', await gum('video'));
        alert('');
      } catch {
        camOff = true;
        alert('We could not turn your camera on. Check that no other app is using it.');
      }
    }
    press($('camera-off'), camOff);
    if (!screen) await sendTrack('video', outVideo());
    tellCam();
    preview();
  }

  async function toggleShare() {
    if (screen) return stopShare();
    try {
      const s = await md.getDisplayMedia({ video: true });
      screen = s.getVideoTracks()[0] ?? null;
      if (!screen) return;
      screen.onended = stopShare;
      await sendTrack('video', screen);
      press(shareBtn, true);
      tellCam();
      preview();
    } catch {
      // The person chose not to share.
    }
  }

  function stopShare() {
    screen?.stop();
    screen = null;
    press(shareBtn, false);
    void sendTrack('video', outVideo());
    tellCam();
    preview();
  }

  function addMessage(who: string, text: string) {
    const li = document.createElement('p');
    const b = document.createElement('strong');
    b.textContent = `${who}: `;
    li.append(b, text);
    if (who === 'You') li.className = 'from-me';
    chatLog.append(li);
    chatLog.scrollTop = chatLog.scrollHeight;
  }

  function end(reason: string) {
    over = true;
    clearTimeout(wsTimer);
    const s = ws;
    ws = null;
    s?.close();
    closePc();
    screen?.stop();
    setTrack('audio', undefined);
    setTrack('video', undefined);
    setText(
      'ended-reason',
      {
        replaced: 'You joined from another window, so the room has closed here.',
        window: 'The time for this session is over, so the room has closed.',
        cancelled: 'This session was cancelled, so the room has closed.',
        left: 'You left the waiting room.',
      }[reason] ?? 'You left the call.',
    );
    show('ended');
  }

  // ---- What the page says ----

  function render() {
    const st = pc?.connectionState ?? 'new';
    const live = st === 'connected';
    root.dataset.peerState = peerState;
    root.dataset.callState = st;
    const lost = joined && !wsUp && !over;
    let words: string;
    if (lost) words = live ? 'Reconnecting to the site… The call continues.' : 'Reconnecting…';
    else if (live) words = 'Connected';
    else if (peerState === 'waiting') words = `${peerName} is waiting`;
    else if (peerState === 'absent') words = peerSeen ? `${peerName} has left` : `Waiting for ${peerName} to join`;
    else if (st === 'disconnected' || st === 'failed' || iceTries) words = 'Reconnecting…';
    else words = 'Connecting…';
    if (status.textContent !== words) status.textContent = words;
    setText('remote-empty', live ? `${peerName}'s camera is off` : words);
    $('remote-empty').hidden = live && peerCam;
    const admitBox = byId('admit-box');
    if (admitBox) admitBox.hidden = peerState !== 'waiting';
    const waiting = byId('waiting-status');
    if (waiting) waiting.textContent = lost ? 'Reconnecting…' : '';
    if (stage === 'precall' && joined)
      setText('join-status', lost ? 'Could not reach the room yet, trying again…' : '');
    const open = dc?.readyState === 'open';
    chatSend.disabled = !open;
    setText('chat-state', open ? '' : 'The chat opens when you are connected.');
    phoneBox.hidden = !(noMic || iceTries > 4 || (lost && !live && wsTries >= 4));
    timer();
  }

  function timer() {
    const now = Date.now();
    const left = (endsAt - now) / 60000;
    setText(
      'timer',
      now < startsAt
        ? `Starts at ${d.startLabel}`
        : left > 0
          ? `${Math.ceil(left)} min left`
          : -left < 1
            ? 'Time is up'
            : `Over time by ${Math.floor(-left)} min`,
    );
  }

  // ---- Wiring ----

  camSel.onchange = () => void switchDevice('video');
  micSel.onchange = () => void switchDevice('audio');
  if (md) md.ondevicechange = () => void fillDevices();
  on('retry', acquire);
  const join = () => {
    if (joined) return;
    joined = true;
    joinBtn.disabled = true;
    $('audio-only').hidden = true;
    audioCtx?.resume().catch(() => {});
    $('device-panel').append($('devices'));
    meter(undefined);
    connect();
    render();
  };
  on('join', join);
  on('audio-only', () => {
    camOff = true;
    press($('camera-off'), true);
    join();
  });
  on('mute', () => {
    muted = !muted;
    if (tracks.audio) tracks.audio.enabled = !muted;
    press($('mute'), muted);
  });
  on('camera-off', toggleCamera);
  on('share', toggleShare);
  shareBtn.hidden = !md?.getDisplayMedia;
  on('devices-button', () => {
    const panel = $('device-panel');
    panel.hidden = !panel.hidden;
    $('devices-button').setAttribute('aria-expanded', String(!panel.hidden));
  });
  const hangUp = () => {
    if (dc?.readyState === 'open') dc.send('{"bye":1}');
    send({ t: 'leave' });
    end(stage === 'waiting' ? 'left' : 'hangup');
  };
  on('hangup', hangUp);
  if (byId('leave')) on('leave', hangUp);
  if (byId('admit'))
    on('admit', () => {
      send({ t: 'admit' });
    });
  $<HTMLFormElement>('chat-form').onsubmit = (e) => {
    e.preventDefault();
    const text = chatInput.value.trim();
    if (!text || dc?.readyState !== 'open') return;
    dc.send(JSON.stringify({ text }));
    addMessage('You', text);
    chatInput.value = '';
  };
  setInterval(timer, 30000);

  Object.assign(window, {
    tandemRoom: { pc: () => pc, socket: () => ws, state: () => stage },
  });
  root.hidden = false;
  show('precall', false);
  void acquire();
  void checkNet();
}
