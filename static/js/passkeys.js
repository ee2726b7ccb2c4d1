// After the browser has made a passkey (django-otp-webauthn's register script announces it),
// tell the server, which shows the recovery codes of a first set-up or confirms the addition.
document.addEventListener("otp_webauthn.register_complete", () => {
  const form = document.getElementById("passkey-added-form");
  if (form) form.submit();
});
