// Trades the admin token for a session cookie, then opens the console.
/* global document, fetch, location */
'use strict';
document.getElementById('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = document.getElementById('login-error');
  out.textContent = '';
  const res = await fetch('/admin/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: document.getElementById('token').value }),
  });
  if (res.ok) {
    location.href = '/admin';
    return;
  }
  out.textContent = res.status === 429 ? 'Sai quá nhiều lần. Vui lòng đợi một phút.' : 'Mã quản trị không đúng (401).';
});
