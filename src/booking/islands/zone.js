// Progressive only: when the visitor has not chosen a zone yet, show times in the zone their
// browser reports. Without JavaScript the page shows the coach's zone and the select still works.
const form = document.querySelector('form.zone-form');
const select = form?.querySelector('select[name="tz"]');
const params = new URLSearchParams(location.search);
if (select && !params.has('tz')) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && zone !== select.value && [...select.options].some((o) => o.value === zone)) {
    select.value = zone;
    form.submit();
  }
}
