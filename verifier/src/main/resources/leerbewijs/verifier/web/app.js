// leerbewijs verifier page: scan (camera), upload or paste a presentation; show one clear verdict.
// Vanilla JS, no dependencies, same origin only. Frames are decoded on the server (ZXing).
'use strict';

(function () {
  var TEXT = {
    nl: {
      skip: 'Naar de inhoud',
      brand: 'Leerbewijs controleren',
      switchTo: 'English',
      startTitle: 'Controleer een leerbewijs',
      startIntro: 'Scan de QR-code die de kandidaat laat zien, upload een foto ervan of plak de tekst. U ziet direct of het bewijs echt en geldig is.',
      scan: 'Scan met camera',
      upload: 'Foto uploaden',
      paste: 'Tekst plakken',
      pasteLabel: 'Leerbewijs-tekst of QR-tekst (begint met LB1: of eyJ)',
      check: 'Controleren',
      stop: 'Stoppen',
      busy: 'Bezig met controleren…',
      footer: 'De controle gebeurt op deze server. Er wordt niets bewaard.',
      cameraAim: 'Richt de camera op de QR-code.',
      cameraStarting: 'Camera wordt gestart…',
      cameraLooking: 'Zoeken naar een QR-code…',
      cameraFound: 'QR-code gevonden.',
      cameraUnavailable: 'De camera is hier niet beschikbaar (de pagina moet via https geopend zijn). Upload een foto van de QR-code of plak de tekst.',
      cameraDenied: 'Geen toegang tot de camera. Sta de camera toe in uw browser, of upload een foto van de QR-code.',
      again: 'Nog een leerbewijs controleren',
      verdict: {
        valid: ['Geldig', 'Dit leerbewijs is echt, uitgegeven door een vertrouwde onderwijsinstelling, en niet ingetrokken.'],
        status_unknown: ['Niet volledig gecontroleerd', 'De handtekening is geldig en de uitgever wordt vertrouwd, maar we konden niet nagaan of het bewijs is ingetrokken. Probeer het later opnieuw.'],
        untrusted_issuer: ['Uitgever niet vertrouwd', 'Handtekening geldig, maar de uitgever staat niet op de vertrouwenslijst.'],
        untrusted_issuer_unsigned: ['Uitgever niet vertrouwd', 'De uitgever staat niet op de vertrouwenslijst; de handtekening kon niet worden gecontroleerd.'],
        keys_unavailable: ['Niet te controleren', 'De uitgever staat op de vertrouwenslijst, maar zijn sleutels konden niet worden opgehaald, dus de handtekening kon niet worden gecontroleerd. Probeer het later opnieuw.'],
        revoked: ['Ingetrokken', 'De onderwijsinstelling heeft dit leerbewijs ingetrokken. Het is niet geldig.'],
        suspended: ['Geschorst', 'De onderwijsinstelling heeft dit leerbewijs tijdelijk geschorst. Het is nu niet geldig.'],
        expired: ['Verlopen', 'Dit leerbewijs is verlopen of nog niet geldig.'],
        invalid: ['Ongeldig', 'Dit leerbewijs is vervalst, gewijzigd of niet door de eigenaar zelf getoond. Accepteer het niet.'],
        malformed: ['Geen leerbewijs', 'Deze code of tekst is geen leesbaar leerbewijs.']
      },
      noContent: 'De inhoud wordt niet getoond, omdat niet kon worden vastgesteld dat die echt is.',
      learner: 'Op naam van',
      institution: 'Onderwijsinstelling',
      issuer: 'Uitgegeven door',
      onTrustList: 'vertrouwd',
      notOnTrustList: 'niet op de lijst',
      level: 'Niveau',
      ects: 'Studiepunten',
      ectsUnit: 'EC',
      awarded: 'Behaald op',
      validUntil: 'Geldig tot',
      skills: 'Vaardigheden',
      qualification: 'Kwalificatie',
      disclosedTitle: 'Wat de kandidaat deelt',
      disclosedNone: 'De kandidaat heeft alleen de vaste gegevens gedeeld.',
      disclosedList: 'De kandidaat heeft deze keuzegegevens gedeeld:',
      hidden: function (n) { return n === 0 ? 'Er zijn geen gegevens verborgen.' : 'Niet gedeeld: hooguit ' + n + ' ' + (n === 1 ? 'gegeven' : 'gegevens') + '. De kandidaat bepaalt zelf wat hij of zij laat zien; de gedeelde gegevens zijn wel allemaal gecontroleerd.'; },
      checksTitle: 'Alle controles',
      checks: {
        structure: 'Opbouw', trusted_issuer: 'Vertrouwde uitgever', signature: 'Handtekening',
        digests: 'Gedeelde gegevens ongewijzigd', key_binding: 'Getoond door de eigenaar',
        validity: 'Geldigheidsduur', schema: 'Inhoud klopt met het type', status: 'Niet ingetrokken'
      },
      outcome: { pass: 'in orde', fail: 'mislukt', warn: 'let op', skipped: 'overgeslagen' },
      problems: {
        no_qr_code: 'Geen QR-code gevonden op de foto. Probeer een scherpere foto, recht van voren en met de hele code in beeld.',
        not_an_image: 'Dit bestand is geen afbeelding die we kunnen lezen. Gebruik een PNG- of JPEG-foto.',
        image_too_large: 'De afbeelding is te groot. Gebruik een kleinere foto.',
        payload_too_large: 'Het bestand of de tekst is te groot.',
        unsupported_media_type: 'Dit bestandstype wordt niet ondersteund. Gebruik een PNG- of JPEG-foto.',
        empty_body: 'Er is niets om te controleren.',
        busy: 'De controle is even druk. Probeer het zo opnieuw.',
        network: 'De verificatieserver is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
        other: 'Er ging iets mis bij het controleren. Probeer het opnieuw.'
      }
    },
    en: {
      skip: 'Skip to content',
      brand: 'Credential check',
      switchTo: 'Nederlands',
      startTitle: 'Verify a learning credential',
      startIntro: 'Scan the QR code the candidate shows you, upload a photo of it, or paste the text. You see at once whether the credential is genuine and valid.',
      scan: 'Scan with camera',
      upload: 'Upload a photo',
      paste: 'Paste text',
      pasteLabel: 'Credential text or QR text (starts with LB1: or eyJ)',
      check: 'Verify',
      stop: 'Stop',
      busy: 'Verifying…',
      footer: 'Verification happens on this server. Nothing is stored.',
      cameraAim: 'Point the camera at the QR code.',
      cameraStarting: 'Starting the camera…',
      cameraLooking: 'Looking for a QR code…',
      cameraFound: 'QR code found.',
      cameraUnavailable: 'The camera is not available here (the page must be opened over https). Upload a photo of the QR code or paste the text.',
      cameraDenied: 'No access to the camera. Allow the camera in your browser, or upload a photo of the QR code.',
      again: 'Verify another credential',
      verdict: {
        valid: ['Valid', 'This credential is genuine, issued by a trusted educational institution, and not revoked.'],
        status_unknown: ['Not fully checked', 'The signature is valid and the issuer is trusted, but we could not check whether the credential was revoked. Please try again later.'],
        untrusted_issuer: ['Issuer not trusted', 'Signature valid, but the issuer is not on the trust list.'],
        untrusted_issuer_unsigned: ['Issuer not trusted', 'The issuer is not on the trust list; the signature could not be checked.'],
        keys_unavailable: ['Could not be checked', 'The issuer is on the trust list, but its keys could not be fetched, so the signature could not be checked. Please try again later.'],
        revoked: ['Revoked', 'The institution has revoked this credential. It is not valid.'],
        suspended: ['Suspended', 'The institution has suspended this credential. It is not valid at the moment.'],
        expired: ['Expired', 'This credential has expired or is not valid yet.'],
        invalid: ['Invalid', 'This credential is forged, altered, or not presented by its owner. Do not accept it.'],
        malformed: ['Not a credential', 'This code or text is not a readable learning credential.']
      },
      noContent: 'The content is not shown, because it could not be established that it is genuine.',
      learner: 'Awarded to',
      institution: 'Institution',
      issuer: 'Issued by',
      onTrustList: 'trusted',
      notOnTrustList: 'not on the list',
      level: 'Level',
      ects: 'Study credits',
      ectsUnit: 'ECTS',
      awarded: 'Awarded on',
      validUntil: 'Valid until',
      skills: 'Skills',
      qualification: 'Qualification',
      disclosedTitle: 'What the candidate shares',
      disclosedNone: 'The candidate shared only the fixed information.',
      disclosedList: 'The candidate chose to share:',
      hidden: function (n) { return n === 0 ? 'Nothing is hidden.' : 'Not shared: at most ' + n + ' ' + (n === 1 ? 'item' : 'items') + '. Candidates decide what they show; everything shared has been checked.'; },
      checksTitle: 'All checks',
      checks: {
        structure: 'Structure', trusted_issuer: 'Trusted issuer', signature: 'Signature',
        digests: 'Shared data unchanged', key_binding: 'Presented by its owner',
        validity: 'Validity period', schema: 'Content fits the type', status: 'Not revoked'
      },
      outcome: { pass: 'passed', fail: 'failed', warn: 'warning', skipped: 'skipped' },
      problems: {
        no_qr_code: 'No QR code found in the picture. Try a sharper photo, taken straight on, with the whole code in view.',
        not_an_image: 'This file is not an image we can read. Use a PNG or JPEG photo.',
        image_too_large: 'The image is too large. Use a smaller photo.',
        payload_too_large: 'The file or text is too large.',
        unsupported_media_type: 'This file type is not supported. Use a PNG or JPEG photo.',
        empty_body: 'There is nothing to verify.',
        busy: 'The verifier is busy. Please try again in a moment.',
        network: 'The verification server cannot be reached. Check the connection and try again.',
        other: 'Something went wrong while verifying. Please try again.'
      }
    }
  };

  var ICONS = {
    ok: '<svg viewBox="0 0 48 48" aria-hidden="true"><circle cx="24" cy="24" r="22" fill="currentColor" opacity=".18"/><circle cx="24" cy="24" r="20" fill="none" stroke="currentColor" stroke-width="3"/><path d="M14 24.5l7 7 13-14" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/></svg>',
    warning: '<svg viewBox="0 0 48 48" aria-hidden="true"><path d="M24 4L45 42H3z" fill="none" stroke="currentColor" stroke-width="3" stroke-linejoin="round"/><path d="M24 17v12" stroke="currentColor" stroke-width="4" stroke-linecap="round"/><circle cx="24" cy="35" r="2.6" fill="currentColor"/></svg>',
    error: '<svg viewBox="0 0 48 48" aria-hidden="true"><circle cx="24" cy="24" r="22" fill="currentColor" opacity=".18"/><circle cx="24" cy="24" r="20" fill="none" stroke="currentColor" stroke-width="3"/><path d="M16 16l16 16M32 16L16 32" stroke="currentColor" stroke-width="4" stroke-linecap="round"/></svg>',
    pass: '<svg viewBox="0 0 24 24" aria-hidden="true" class="o-pass"><circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="M7 12.5l3.2 3.2L17 9" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/></svg>',
    warn: '<svg viewBox="0 0 24 24" aria-hidden="true" class="o-warn"><path d="M12 2.5L22.5 21h-21z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M12 9v5.5" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/><circle cx="12" cy="17.6" r="1.3" fill="currentColor"/></svg>',
    fail: '<svg viewBox="0 0 24 24" aria-hidden="true" class="o-fail"><circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="M8 8l8 8M16 8l-8 8" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/></svg>',
    skipped: '<svg viewBox="0 0 24 24" aria-hidden="true" class="o-skipped"><circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="3 3"/><path d="M8 12h8" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/></svg>'
  };

  var LANG_KEY = 'leerbewijs.verifier.lang';
  var SCAN_INTERVAL_MS = 400;
  var MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
  var MAX_SIDE = 3000;

  var lang = 'nl';
  try { lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'nl'; } catch (e) { /* private mode */ }
  var types = {};
  var lastReport = null;
  var scanning = null;

  function $(id) { return document.getElementById(id); }
  function t(key) { return TEXT[lang][key]; }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === 'text') { e.textContent = attrs[k]; } else if (k === 'html') { e.innerHTML = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
      });
    }
    (children || []).forEach(function (c) { if (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return e;
  }

  // ---- language

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.title = t('brand');
    document.querySelectorAll('[data-i18n]').forEach(function (e) {
      var v = t(e.getAttribute('data-i18n'));
      if (typeof v === 'string') { e.textContent = v; }
    });
    var b = $('lang');
    b.textContent = t('switchTo');
    b.setAttribute('lang', lang === 'nl' ? 'en' : 'nl');
    if (lastReport) { showReport(lastReport, false); }
  }

  function switchLanguage() {
    lang = lang === 'nl' ? 'en' : 'nl';
    try { localStorage.setItem(LANG_KEY, lang); } catch (e) { /* ignore */ }
    applyLanguage();
  }

  // ---- type metadata (display names, claim labels)

  function loadTypes() {
    return fetch('/api/types').then(function (r) { return r.ok ? r.json() : { types: [] }; }).then(function (j) {
      j.types.forEach(function (x) { types[x.vct] = x.metadata; });
      if (lastReport) { showReport(lastReport, false); }
    }).catch(function () { /* labels fall back to claim names */ });
  }

  function pickLocale(list, field) {
    if (!list) { return null; }
    var exact = null, any = null;
    list.forEach(function (d) {
      var l = (d.locale || '').toLowerCase();
      if (l.split('-')[0] === lang) { exact = exact || d[field]; }
      any = any || d[field];
    });
    return exact || any;
  }

  function typeName(cred) {
    var m = types[cred.vct];
    return (m && (pickLocale(m.display, 'name') || m.name)) || cred.type || cred.vct;
  }

  function claimLabel(cred, pointer) {
    var m = types[cred.vct];
    var path = pointer.split('/').slice(1).map(function (s) { return /^\d+$/.test(s) ? null : s.replace(/~1/g, '/').replace(/~0/g, '~'); });
    // An array element is shown as the array ("Vaardigheden", not "Vaardigheid").
    while (path.length > 1 && path[path.length - 1] === null) { path.pop(); }
    if (m && m.claims) {
      for (var i = 0; i < m.claims.length; i++) {
        var c = m.claims[i];
        if (c.path.length === path.length && c.path.every(function (p, j) { return p === path[j]; })) {
          var label = pickLocale(c.display, 'label');
          if (label) { return label; }
        }
      }
    }
    return path.map(function (p) { return p === null ? '*' : p; }).join(' › ');
  }

  // ---- formatting

  function localized(v) {
    if (v == null) { return null; }
    if (typeof v === 'string') { return v; }
    return v[lang] || v.nl || v.en || null;
  }

  function formatDate(s) {
    if (!s) { return null; }
    var d = new Date(s.length === 10 ? s + 'T00:00:00Z' : s);
    if (isNaN(d)) { return s; }
    return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
  }

  function formatNumber(n) {
    return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 }).format(n);
  }

  // ---- result

  function severityOf(report) { return report.severity === 'ok' ? 'ok' : report.severity === 'warning' ? 'warning' : 'error'; }

  function verdictText(report) {
    var v = report.verdict;
    if (v === 'untrusted_issuer') {
      var sig = report.checks.filter(function (c) { return c.check === 'signature'; })[0];
      if (!sig || sig.outcome === 'skipped') { v = 'untrusted_issuer_unsigned'; }
      var ti = report.checks.filter(function (c) { return c.check === 'trusted_issuer'; })[0];
      if (ti && ti.code === 'trusted_issuer.keys_unavailable') { v = 'keys_unavailable'; }
    }
    return t('verdict')[v] || t('verdict').invalid;
  }

  function fact(dl, label, value) {
    if (value == null || value === '') { return; }
    dl.appendChild(el('dt', { text: label }));
    dl.appendChild(typeof value === 'string' ? el('dd', { text: value }) : el('dd', null, [value]));
  }

  function showReport(report, announce) {
    lastReport = report;
    var sev = severityOf(report);
    var vt = verdictText(report);
    var out = $('result');
    out.textContent = '';

    var heading = el('h2', { id: 'verdict-title', text: vt[0] });
    var banner = el('div', { class: 'verdict ' + sev, 'data-verdict': report.verdict, tabindex: '-1', role: 'group', 'aria-labelledby': 'verdict-title' }, [
      el('span', { html: ICONS[sev] }).firstChild,
      el('div', null, [heading, el('p', { text: vt[1] })])
    ]);
    out.appendChild(banner);

    var card = el('div', { class: 'card' });
    var cred = report.credential;
    if (cred) {
      var c = cred.claims || {};
      card.appendChild(el('p', { class: 'eyebrow', text: typeName(cred) }));
      var title = localized(c.title);
      if (title) { card.appendChild(el('h3', { class: 'title', text: title })); }
      if (c.learner && (c.learner.given_name || c.learner.family_name)) {
        card.appendChild(el('p', { class: 'holder' }, [t('learner') + ' ', el('strong', { text: [c.learner.given_name, c.learner.family_name].filter(Boolean).join(' ') })]));
      }
      var dl = el('dl', { class: 'facts' });
      fact(dl, t('institution'), c.institution && c.institution.name);
      var issuer = el('span', null, [cred.issuer_name || cred.issuer]);
      var trusted = report.checks.some(function (x) { return x.check === 'trusted_issuer' && x.outcome === 'pass'; });
      issuer.appendChild(el('span', { class: 'badge ' + (trusted ? 'ok' : 'warning') }, [
        el('span', { html: trusted ? ICONS.pass : ICONS.warn }).firstChild, trusted ? t('onTrustList') : t('notOnTrustList')
      ]));
      fact(dl, t('issuer'), issuer);
      fact(dl, t('qualification'), c.qualification_name || (c.standard && c.standard.name));
      var levels = [];
      if (c.nlqf) { levels.push('NLQF ' + c.nlqf); }
      if (c.eqf) { levels.push('EQF ' + c.eqf); }
      fact(dl, t('level'), levels.join(' · '));
      if (typeof c.ects === 'number') { fact(dl, t('ects'), formatNumber(c.ects) + ' ' + t('ectsUnit')); }
      fact(dl, t('awarded'), formatDate(c.award_date));
      fact(dl, t('validUntil'), formatDate(c.valid_until || null));
      if (Array.isArray(c.skills) && c.skills.length) {
        var ul = el('ul', { class: 'chips' });
        c.skills.forEach(function (s) { if (s && s.label) { ul.appendChild(el('li', { text: s.label })); } });
        fact(dl, t('skills'), ul);
      }
      card.appendChild(dl);
    } else {
      card.appendChild(el('p', { text: t('noContent') }));
    }
    card.appendChild(el('div', { class: 'actions' }, [
      (function () { var b = el('button', { type: 'button', class: 'primary', id: 'again', text: t('again') }); b.addEventListener('click', reset); return b; })()
    ]));
    out.appendChild(card);

    if (cred) {
      var shared = el('section', { class: 'panel', 'aria-labelledby': 'shared-title' }, [el('h3', { id: 'shared-title', text: t('disclosedTitle') })]);
      var paths = cred.disclosed || [];
      var labels = [];
      paths.forEach(function (p) { var l = claimLabel(cred, p); if (labels.indexOf(l) < 0) { labels.push(l); } });
      if (labels.length) {
        shared.appendChild(el('p', { text: t('disclosedList') }));
        var list = el('ul', { class: 'shared' });
        labels.forEach(function (l) { list.appendChild(el('li', { text: l })); });
        shared.appendChild(list);
      } else {
        shared.appendChild(el('p', { text: t('disclosedNone') }));
      }
      shared.appendChild(el('p', { text: t('hidden')(cred.undisclosed_count || 0) }));
      out.appendChild(shared);
    }

    var details = el('details', { class: 'panel' }, [el('summary', { text: t('checksTitle') })]);
    var checks = el('ul', { class: 'checks' });
    report.checks.forEach(function (x) {
      checks.appendChild(el('li', { 'data-check': x.check, 'data-outcome': x.outcome }, [
        el('span', { html: ICONS[x.outcome] || ICONS.skipped }).firstChild,
        el('div', null, [el('span', { class: 'name', text: t('checks')[x.check] || x.check }), el('span', { class: 'outcome o-' + x.outcome, text: '— ' + t('outcome')[x.outcome] })]),
        el('div', { class: 'msg', text: x.message })
      ]));
    });
    details.appendChild(checks);
    out.appendChild(details);

    $('start').hidden = true;
    if (announce !== false) {
      banner.focus();
      window.scrollTo(0, 0);
    }
  }

  function reset() {
    lastReport = null;
    $('result').textContent = '';
    $('start').hidden = false;
    hideMessages();
    $('main').focus();
  }

  // ---- requests

  function hideMessages() { $('error').hidden = true; $('busy').hidden = true; }

  function showError(code) {
    showMessage(t('problems')[code] || t('problems').other);
  }

  function showMessage(text) {
    $('busy').hidden = true;
    var e = $('error');
    e.textContent = text;
    e.hidden = false;
  }

  // Resolves with {report} for a 200, or {problem: code} for a problem response.
  function post(url, body, contentType) {
    return fetch(url, { method: 'POST', body: body, headers: { 'Content-Type': contentType }, cache: 'no-store' })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (j) {
          return r.ok ? { report: j } : { problem: j.code || 'other' };
        });
      }, function () { return { problem: 'network' }; });
  }

  function verify(url, body, contentType) {
    hideMessages();
    $('busy').hidden = false;
    return post(url, body, contentType).then(function (res) {
      $('busy').hidden = true;
      if (res.report) { showReport(res.report); } else { showError(res.problem); }
    });
  }

  // ---- paste

  function togglePaste() {
    var f = $('paste-form');
    f.hidden = !f.hidden;
    $('paste-toggle').setAttribute('aria-expanded', String(!f.hidden));
    if (!f.hidden) { stopCamera(); $('paste').focus(); }
  }

  function submitPaste(ev) {
    ev.preventDefault();
    var text = $('paste').value.trim();
    if (!text) { showError('empty_body'); return; }
    verify('/api/verify', text, 'text/plain; charset=utf-8');
  }

  // ---- upload

  function upload() {
    var file = $('file').files[0];
    $('file').value = '';
    if (!file) { return; }
    stopCamera();
    if (/^image\/(png|jpeg|gif|bmp)$/.test(file.type) && file.size <= MAX_UPLOAD_BYTES) {
      verify('/api/verify/image', file, file.type);
      return;
    }
    // Other formats (HEIC, WebP...) or very large photos: let the browser decode, send a PNG.
    hideMessages();
    $('busy').hidden = false;
    toPng(file).then(function (blob) { return verify('/api/verify/image', blob, 'image/png'); },
      function () { showError('not_an_image'); });
  }

  function toPng(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () {
        var scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
        var canvas = document.createElement('canvas');
        canvas.width = Math.round(img.naturalWidth * scale);
        canvas.height = Math.round(img.naturalHeight * scale);
        canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
        URL.revokeObjectURL(url);
        canvas.toBlob(function (b) { if (b) { resolve(b); } else { reject(); } }, 'image/png');
      };
      img.onerror = function () { URL.revokeObjectURL(url); reject(); };
      img.src = url;
    });
  }

  // ---- camera

  function startCamera() {
    hideMessages();
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { showMessage(t('cameraUnavailable')); return; }
    $('paste-form').hidden = true;
    $('paste-toggle').setAttribute('aria-expanded', 'false');
    $('camera').hidden = false;
    $('ways').hidden = true;
    $('camera-status').textContent = t('cameraStarting');
    var session = { stream: null, timer: null, busy: false };
    scanning = session;
    navigator.mediaDevices.getUserMedia({ audio: false, video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } } })
      .then(function (stream) {
        if (scanning !== session) { stream.getTracks().forEach(function (tr) { tr.stop(); }); return; }
        session.stream = stream;
        var video = $('video');
        video.srcObject = stream;
        return video.play().then(function () {
          $('camera-status').textContent = t('cameraLooking');
          session.timer = setInterval(function () { grab(session); }, SCAN_INTERVAL_MS);
          $('stop').focus();
        });
      })
      .catch(function () {
        stopCamera();
        showMessage(t('cameraDenied'));
      });
  }

  function grab(session) {
    var video = $('video');
    if (session.busy || scanning !== session || !video.videoWidth) { return; }
    session.busy = true;
    var scale = Math.min(1, 1600 / Math.max(video.videoWidth, video.videoHeight));
    var canvas = document.createElement('canvas');
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
    canvas.toBlob(function (blob) {
      if (!blob || scanning !== session) { session.busy = false; return; }
      post('/api/verify/image', blob, 'image/jpeg').then(function (res) {
        session.busy = false;
        if (scanning !== session) { return; }
        if (res.report) {
          $('camera-status').textContent = t('cameraFound');
          stopCamera();
          showReport(res.report);
        } else if (res.problem !== 'no_qr_code' && res.problem !== 'busy' && res.problem !== 'network') {
          stopCamera();
          showError(res.problem);
        }
      });
    }, 'image/jpeg', 0.92);
  }

  function stopCamera() {
    var s = scanning;
    scanning = null;
    if (s) {
      if (s.timer) { clearInterval(s.timer); }
      if (s.stream) { s.stream.getTracks().forEach(function (tr) { tr.stop(); }); }
    }
    var video = $('video');
    video.srcObject = null;
    $('camera').hidden = true;
    $('ways').hidden = false;
  }

  // ---- start

  document.addEventListener('DOMContentLoaded', function () {
    $('lang').addEventListener('click', switchLanguage);
    $('scan').addEventListener('click', startCamera);
    $('stop').addEventListener('click', function () { stopCamera(); $('scan').focus(); });
    $('file').addEventListener('change', upload);
    $('paste-toggle').addEventListener('click', togglePaste);
    $('paste-form').addEventListener('submit', submitPaste);
    applyLanguage();
    loadTypes();
  });
})();
