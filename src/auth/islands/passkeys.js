// Passkeys in the browser: signing in ([data-passkey="sign-in"]) and adding one
// ([data-passkey="add"]). Served as a same-origin file after /auth/webauthn-browser.js
// (@simplewebauthn/browser's bundle, which sets window.SimpleWebAuthnBrowser). The boxes are
// hidden in the HTML, so without this script the page shows only its email sign-in.
(() => {
  const lib = window.SimpleWebAuthnBrowser;
  const boxes = document.querySelectorAll('[data-passkey]');
  if (!boxes.length) return;

  const post = async (url, csrf, body) => {
    const res = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    });
    let data = {};
    try {
      data = await res.json();
    } catch {
      // an answer that is not JSON: said below in plain words
    }
    if (!res.ok) {
      const said = data.message || data.detail;
      throw new Error(said || 'Something went wrong on the server. Please try again in a minute.');
    }
    return data;
  };

  const words = (err, doing) => {
    if (err?.name === 'NotAllowedError') return `${doing} was cancelled or timed out. You can try again.`;
    if (err?.name === 'InvalidStateError') return 'This device already has a passkey for your account.';
    if (err?.name === 'SecurityError') return 'This browser refused to use passkeys on this address.';
    return err?.message || `${doing} did not work. Please try again.`;
  };

  for (const box of boxes) {
    const status = box.querySelector('[data-passkey-status]');
    const say = (text) => {
      if (status) status.textContent = text;
    };
    box.hidden = false;
    const supported = Boolean(lib?.browserSupportsWebAuthn());
    const csrf = box.dataset.csrf || '';

    if (box.dataset.passkey === 'sign-in') {
      const button = box.querySelector('[data-passkey-start]');
      if (!supported) {
        if (button) button.disabled = true;
        say('This browser cannot use passkeys. You can sign in by email instead.');
        continue;
      }
      button?.addEventListener('click', async () => {
        button.disabled = true;
        say('Waiting for your passkey…');
        try {
          const next = box.dataset.next || '';
          const optionsJSON = await post('/sign-in/passkey/options', csrf, {});
          const response = await lib.startAuthentication({ optionsJSON });
          say('Checking…');
          const done = await post('/sign-in/passkey/verify', csrf, { response, next });
          say('Signed in. Opening…');
          window.location.assign(done.redirect);
        } catch (err) {
          say(words(err, 'Signing in with a passkey'));
          button.disabled = false;
        }
      });
    }

    if (box.dataset.passkey === 'add') {
      const form = box.querySelector('form');
      const button = form?.querySelector('button[type="submit"]');
      if (!supported) {
        if (button) button.disabled = true;
        say('This browser cannot make passkeys. Signing in by email still works.');
        continue;
      }
      form?.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (button) button.disabled = true;
        say('Follow your browser’s steps to make the passkey…');
        try {
          const optionsJSON = await post('/account/passkeys/options', csrf, {});
          const response = await lib.startRegistration({ optionsJSON });
          say('Saving…');
          const name = form.querySelector('input[name="name"]')?.value || '';
          const done = await post('/account/passkeys/verify', csrf, { response, name });
          window.location.assign(done.redirect);
        } catch (err) {
          say(words(err, 'Adding a passkey'));
          if (button) button.disabled = false;
        }
      });
    }
  }
})();
