// The check-in page: scanning badges with the camera where the browser reads QR codes itself.
(function () {
  // Camera scanning where the browser can read QR codes itself (BarcodeDetector); elsewhere the field
  // above takes what a scanner types, and a phone's camera app opens the badge's link.
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  var box = document.getElementById("camera");
  var video = document.getElementById("camera-view");
  var field = document.getElementById("id_code");
  box.hidden = false;
  document.getElementById("camera-start").addEventListener("click", function () {
    var detector = new BarcodeDetector({formats: ["qr_code"]});
    navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}}).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      var tick = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length && field) {
            stream.getTracks().forEach(function (t) { t.stop(); });
            field.value = codes[0].rawValue;
            field.form.submit();
          } else {
            requestAnimationFrame(tick);
          }
        }).catch(function () { requestAnimationFrame(tick); });
      };
      tick();
    });
  });
})();
