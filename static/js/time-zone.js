// Remembers the browser's time zone in a cookie (scotemp_tz), so that event pages can write times
// in the reader's zone as well as the venue's. Nothing else is read or sent.
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("scotemp_tz=" + encodeURIComponent(zone)) === -1) {
      document.cookie = "scotemp_tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; samesite=lax";
    }
  } catch (e) {}
})();
