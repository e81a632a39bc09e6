export interface RoomStageProps {
  role: 'coach' | 'client';
  peerName: string;
  signalUrl: string;
  iceUrl: string;
  /** Epoch ms. */
  startsAt: number;
  /** Epoch ms. */
  endsAt: number;
  /** Already formatted local times, like "14:00". */
  startLabel: string;
  endLabel: string;
}

/**
 * The room's markup, driven by the island (islands/room.ts). Everything here needs JavaScript, so
 * it all starts hidden: the page around it carries the "call me instead" form (#call-me) and the
 * noscript message. One stage is shown at a time: pre-call check, waiting room (client), call, ended.
 * No text of the chat ever reaches the server: the island sends it over the peers' data channel.
 */
export function RoomStage(p: RoomStageProps) {
  const client = p.role === 'client';
  const when = `${p.startLabel}–${p.endLabel}`;
  const phoneLink = client ? (
    <p>
      <a href="#call-me">Join by phone instead</a>
    </p>
  ) : null;
  return (
    <div
      id="room-stage"
      class="room"
      hidden
      data-role={p.role}
      data-signal={p.signalUrl}
      data-ice={p.iceUrl}
      data-starts={String(p.startsAt)}
      data-ends={String(p.endsAt)}
      data-start-label={p.startLabel}
      data-peer-name={p.peerName}
      data-peer-state="absent"
      data-call-state="new"
    >
      <section id="room-precall" class="room-precall" aria-labelledby="room-precall-title" hidden>
        <h2 id="room-precall-title" tabindex={-1}>
          Before you join
        </h2>
        <p>
          Your session with {p.peerName}, {when}. Check your camera, microphone and connection, then join.
        </p>
        <div class="room-check">
          <div class="room-preview-box">
            <video id="room-preview" class="room-preview" muted playsinline autoplay aria-label="Your camera" />
          </div>
          <div class="room-check-body">
            <fieldset id="room-devices" class="room-devices">
              <legend>Your devices</legend>
              <div class="field">
                <label for="room-camera">Camera</label>
                <select id="room-camera">
                  <option value="">Default camera</option>
                </select>
              </div>
              <div class="field">
                <label for="room-mic">Microphone</label>
                <select id="room-mic">
                  <option value="">Default microphone</option>
                </select>
              </div>
            </fieldset>
            <div class="field">
              <label for="room-level">Microphone level</label>
              <meter id="room-level" class="room-level" min={0} max={1} low={0.05} value={0} />
              <p class="hint">Say something: the bar should move.</p>
            </div>
            <p>
              <span class="label">Connection</span>
              <span id="room-net" role="status" aria-live="polite">
                Checking…
              </span>
            </p>
          </div>
        </div>
        <div id="room-help" class="notice warning room-help" role="alert" hidden>
          <p id="room-help-denied" hidden>
            Your browser is not letting this page use your camera and microphone. To allow them, select the camera or
            lock icon next to the web address, choose Allow for the camera and the microphone, then select Try again.
          </p>
          <p id="room-help-missing" hidden>
            We could not find a camera or microphone you can use. Check that one is plugged in and that no other app is
            using it, then select Try again.
          </p>
          <p id="room-help-nocam" hidden>
            Your microphone works, but we could not use your camera. You can join without camera: {p.peerName} will hear
            you but not see you.
          </p>
          <p id="room-help-unsupported" hidden>
            This browser cannot make video calls. Try a recent Firefox, Chrome, Edge or Safari.
          </p>
          <p class="room-help-actions">
            <button type="button" id="room-retry" class="button secondary">
              Try again
            </button>{' '}
            <button type="button" id="room-audio-only" class="button" hidden>
              Join without camera
            </button>
          </p>
          {phoneLink}
        </div>
        <p class="form-actions">
          <button type="button" id="room-join" class="button" disabled>
            Join
          </button>
          <span id="room-join-status" class="hint" role="status" aria-live="polite" />
        </p>
      </section>

      {client ? (
        <section id="room-waiting" class="room-waiting" aria-labelledby="room-waiting-title" hidden>
          <h2 id="room-waiting-title" tabindex={-1}>
            Waiting room
          </h2>
          <div class="room-waiting-body">
            <div>
              <p class="lead">
                You are in the waiting room. {p.peerName} will let you in at the start of your session.
              </p>
              <p>Your session: {when}.</p>
              <p id="room-waiting-status" role="status" aria-live="polite" />
              <p class="hint">
                If you need help right now, <a href="/help">see who you can reach straight away</a>.
              </p>
              <p>
                <button type="button" id="room-leave" class="button secondary">
                  Leave the waiting room
                </button>
              </p>
            </div>
            <video
              id="room-waiting-preview"
              class="room-preview small"
              muted
              playsinline
              autoplay
              aria-label="Your camera"
            />
          </div>
        </section>
      ) : null}

      <section id="room-call" class="room-call" aria-labelledby="room-call-title" hidden>
        <h2 id="room-call-title" class="room-call-title" tabindex={-1}>
          Your session with {p.peerName}
        </h2>
        <div class="room-bar">
          <p id="room-status" class="room-status" role="status" aria-live="polite">
            Connecting…
          </p>
          <p class="room-time">
            <span class="visually-hidden">Time: </span>
            <span id="room-timer">Ends at {p.endLabel}</span>
          </p>
        </div>
        {client ? null : (
          <div id="room-admit-box" class="notice warning room-admit" hidden>
            <p>{p.peerName} is in the waiting room.</p>
            <p>
              <button type="button" id="room-admit" class="button">
                Admit {p.peerName}
              </button>
            </p>
          </div>
        )}
        <p id="room-phone-asked" class="notice warning" role="status" hidden />
        <p id="room-call-alert" class="room-call-alert" role="alert" hidden />
        <div class="room-layout">
          <div class="room-main">
            <div class="room-videos">
              {/* biome-ignore lint/a11y/useMediaCaption: a live call between two people has no caption track */}
              <video id="room-remote" class="room-remote" playsinline autoplay aria-label={`${p.peerName}'s video`} />
              <p id="room-remote-empty" class="room-remote-empty" aria-hidden="true">
                Waiting for {p.peerName} to join
              </p>
              <video id="room-local" class="room-local" muted playsinline autoplay aria-label="Your video" />
            </div>

            <fieldset class="room-controls">
              <legend class="visually-hidden">Call controls</legend>
              <button type="button" id="room-mute" class="button secondary" aria-pressed="false">
                Mute
              </button>
              <button type="button" id="room-camera-off" class="button secondary" aria-pressed="false">
                Camera off
              </button>
              <button type="button" id="room-share" class="button secondary" aria-pressed="false">
                Share screen
              </button>
              <button
                type="button"
                id="room-devices-button"
                class="button secondary"
                aria-expanded="false"
                aria-controls="room-device-panel"
              >
                Switch camera or microphone
              </button>
              <button type="button" id="room-hangup" class="button danger">
                Hang up
              </button>
            </fieldset>
            <div id="room-device-panel" class="room-device-panel" hidden />
          </div>
          <section class="room-chat" aria-labelledby="room-chat-title">
            <h3 id="room-chat-title">Chat</h3>
            <p class="hint">Messages here are not saved. They go straight to {p.peerName}, not through this site.</p>
            <div id="room-chat-log" class="room-chat-log" role="log" aria-live="polite" aria-label="Chat messages" />
            <form id="room-chat-form" class="room-chat-form">
              <label for="room-chat-input" class="visually-hidden">
                Message
              </label>
              <input id="room-chat-input" type="text" autocomplete="off" maxlength={2000} />
              <button type="submit" id="room-chat-send" class="button secondary" disabled>
                Send
              </button>
            </form>
            <p id="room-chat-state" class="hint">
              The chat opens when you are connected.
            </p>
          </section>
        </div>
      </section>

      <section id="room-ended" class="room-ended" aria-labelledby="room-ended-title" hidden>
        <h2 id="room-ended-title" tabindex={-1}>
          The call has ended
        </h2>
        <p id="room-ended-reason">You left the call.</p>
        <p>
          <a href={client ? '/portal' : '/admin'} class="button">
            {client ? 'Back to your portal' : 'Back to the back office'}
          </a>
        </p>
      </section>

      <div id="room-phone" class="notice warning room-phone" hidden>
        {client ? (
          <p>
            Having trouble? <a href="#call-me">Ask to be called instead</a>.
          </p>
        ) : (
          <p>Having trouble with the call? You can phone {p.peerName} instead, on the number in the booking.</p>
        )}
      </div>
    </div>
  );
}
