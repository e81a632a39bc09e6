// Progressive only. Without JavaScript the page shows the zone the visitor chose (or one guessed
// from their browser's language, or the coach's) and the select, grouped by region, still works.
// With it: before the visitor has chosen, times follow the zone the browser reports; and a search
// box filters the select.
const form = document.querySelector('form.zone-form');
const select = form?.querySelector('select[name="tz"]');

// What a zone's clock shows at a moment of each week of the coming year: two names for one clock
// (Asia/Calcutta and Asia/Kolkata, Berlin and Busingen) read the same, so a right guess stays put.
function clock(zone) {
  try {
    const f = new Intl.DateTimeFormat('en', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' });
    const now = Date.now();
    return Array.from({ length: 53 }, (_, week) => f.format(now + week * 604_800_000)).join('|');
  } catch {
    return zone;
  }
}

if (select && !new URLSearchParams(location.search).has('tz')) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && zone !== select.value && clock(zone) !== clock(select.value)) {
    // The browser may use an older name than the select's; the server reads it as the canonical one.
    if (![...select.options].some((o) => o.value === zone)) select.add(new Option(zone, zone));
    select.value = zone;
    form.submit();
  }
}

const fold = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/_/g, ' ')
    .toLowerCase();

if (select) {
  const all = [...select.children];
  const label = Object.assign(document.createElement('label'), {
    htmlFor: 'zone-search',
    textContent: 'Find a time zone',
  });
  const hint = 'Type a city, country or zone name, such as Kolkata or India.';
  const status = Object.assign(document.createElement('p'), {
    id: 'zone-search-status',
    className: 'hint',
    textContent: hint,
  });
  status.setAttribute('role', 'status');
  const input = Object.assign(document.createElement('input'), {
    type: 'search',
    id: 'zone-search',
    autocomplete: 'off',
  });
  input.setAttribute('aria-describedby', status.id);
  input.setAttribute('aria-controls', select.id);
  const field = Object.assign(document.createElement('div'), { className: 'field zone-search' });
  field.append(label, status, input);
  select.closest('.field').before(field);

  input.addEventListener('input', () => {
    const words = fold(input.value).split(/\s+/).filter(Boolean);
    const hit = (o) => words.every((w) => fold(`${o.textContent} ${o.value}`).includes(w));
    const current = select.value;
    const shown = [];
    let count = 0;
    for (const node of all) {
      if (node.tagName === 'OPTGROUP') {
        const options = [...node.children].filter(hit);
        if (options.length === 0) continue;
        const group = node.cloneNode(false);
        group.append(...options.map((o) => o.cloneNode(true)));
        shown.push(group);
        count += options.length;
      } else if (hit(node)) {
        shown.push(node.cloneNode(true));
        count += 1;
      }
    }
    select.replaceChildren(...shown);
    if ([...select.options].some((o) => o.value === current)) select.value = current;
    status.textContent =
      words.length === 0
        ? hint
        : count === 0
          ? 'No time zone matches.'
          : `${count} time zone${count === 1 ? '' : 's'} match.`;
  });
}
