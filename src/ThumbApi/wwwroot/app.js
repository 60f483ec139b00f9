// The upload page: for each chosen file, ask the API for an upload form, send the file straight to storage
// (the embedded store or an S3 bucket: the same browser POST), then poll its status until the thumbnails exist.

const input = document.querySelector('#files');
const dropzone = document.querySelector('#dropzone');
const list = document.querySelector('#uploads');
const template = document.querySelector('#upload-template');
const announcer = document.querySelector('#announcer');
const keyForm = document.querySelector('#key-form');
const keyInput = document.querySelector('#api-key');
const keyError = document.querySelector('#key-error');

input.addEventListener('change', () => {
  uploadAll(input.files);
  // Clearing lets the same file be chosen again.
  input.value = '';
});

// A drop anywhere on the page counts, so that a near miss does not make the browser open the file instead.
for (const type of ['dragenter', 'dragover']) {
  document.addEventListener(type, (event) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    dropzone.classList.add('dragging');
  });
}
document.addEventListener('dragleave', (event) => {
  if (event.relatedTarget === null) dropzone.classList.remove('dragging');
});
document.addEventListener('drop', (event) => {
  if (!event.dataTransfer?.files.length) return;
  event.preventDefault();
  dropzone.classList.remove('dragging');
  uploadAll(event.dataTransfer.files);
});

function uploadAll(files) {
  // Newest uploads go on top; files chosen together keep their order, so the last one is prepended first.
  for (const file of [...files].reverse()) upload(file, addCard(file));
}

async function upload(file, card) {
  try {
    card.state('Preparing…');
    const created = await requestUpload(file);
    if (file.size > created.upload.maxBytes) {
      throw new UploadError(`The file is ${formatBytes(file.size)}; the limit is ${formatBytes(created.upload.maxBytes)}.`);
    }

    card.state('Uploading…');
    await sendToStorage(file, created.upload, (fraction) => card.progress(fraction));
    card.progress(1);
    // Stored: from now on it can be removed, whatever becomes of its thumbnails.
    card.offerDelete(created.status, created.deleteToken);

    card.state('Making thumbnails…');
    const status = await waitUntilProcessed(created.status);
    if (status.status === 'failed') {
      throw new UploadError(`The image cannot be thumbnailed: ${sentence(status.reason ?? 'no reason given')}`);
    }
    await card.showThumbnails(status);
    card.done('Ready');
  } catch (error) {
    const message = error instanceof UploadError ? error.message : `Something went wrong: ${error.message}`;
    card.fail(message);
  }
}

/**
 * POST /uploads: the server names the image and signs a form that only accepts this type and size range. A 401 means
 * this deployment needs an API key: ask for one, then try again with it.
 */
async function requestUpload(file) {
  for (;;) {
    const key = sessionStorage.getItem('apiKey');
    const response = await fetch('/uploads', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(key ? { 'X-Api-Key': key } : {}) },
      body: JSON.stringify({
        fileName: file.name,
        // An unknown type reaches the API as such, so that its answer (not a guess here) says what is accepted.
        contentType: file.type || 'application/octet-stream',
        contentLength: file.size,
      }),
    });
    if (response.status === 401) {
      await askForKey(key ? 'That key was not accepted; try another.' : null);
      continue;
    }
    if (response.status !== 201) throw new UploadError(await describeProblem(response, 'The upload was refused'));
    return response.json();
  }
}

// One prompt for all the uploads waiting on a key: files chosen together are asked for once.
let keyPrompt = null;

/** Shows the key form and resolves once a key is entered; the key lives in sessionStorage, for this tab only. */
function askForKey(problem) {
  if (keyPrompt) return keyPrompt;
  keyError.textContent = problem ?? '';
  keyError.hidden = !problem;
  keyForm.hidden = false;
  keyInput.focus();
  announcer.textContent = problem ?? 'This service needs an API key to accept uploads.';
  keyPrompt = new Promise((resolve) => {
    keyForm.addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem('apiKey', keyInput.value.trim());
      keyInput.value = '';
      keyForm.hidden = true;
      keyPrompt = null;
      resolve();
    }, { once: true });
  });
  return keyPrompt;
}

/**
 * S3's browser POST: every signed field first, in the given order, then the file. XMLHttpRequest rather than
 * fetch, because only it reports upload progress.
 */
function sendToStorage(file, upload, onProgress) {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append(upload.fileField, file);

  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(upload.method, upload.url);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      // S3 answers 204 by default; the embedded store does the same.
      if (request.status >= 200 && request.status < 300) resolve();
      else reject(new UploadError(`Storage refused the file: ${sentence(describeStorageError(request))}`));
    });
    request.addEventListener('error', () => reject(new UploadError(unreachableStorage(upload.url))));
    request.addEventListener('timeout', () => reject(new UploadError('The upload timed out.')));
    request.send(form);
  });
}

/**
 * A browser does not tell a page why a request failed. When storage is another origin (an S3 bucket), the usual
 * reason is that the bucket's CORS rule does not name this page's origin, so the message says so.
 */
function unreachableStorage(url) {
  const storage = new URL(url, location.href).origin;
  if (storage === location.origin) return 'The upload could not reach storage.';
  return `The upload could not reach storage at ${storage}. The likely reason: its CORS rule does not allow `
    + `this page's origin, ${location.origin}. Otherwise storage is not reachable from this browser.`;
}

/** Polls the status until it is final: quickly at first (small images take well under a second), then less often. */
async function waitUntilProcessed(statusUrl) {
  const deadline = Date.now() + 2 * 60 * 1000;
  let delay = 250;
  while (Date.now() < deadline) {
    const response = await fetch(statusUrl, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    // 404 right after the upload is possible with an eventually consistent store: keep waiting.
    if (response.ok) {
      const status = await response.json();
      if (status.status !== 'pending') return status;
    } else if (response.status !== 404) {
      throw new UploadError(await describeProblem(response, 'The status could not be read'));
    }
    await sleep(delay);
    delay = Math.min(delay * 1.6, 5000);
  }
  throw new UploadError('The thumbnails are taking too long; reload the page later to check again.');
}

/**
 * DELETE with the upload's token: the original goes at once, its thumbnails with the removal's cascade. The token
 * lives only in this page's memory, so an image can be deleted from the tab that uploaded it.
 */
async function deleteImage(statusUrl, token) {
  const response = await fetch(statusUrl, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
  // 404: already gone, which is what was asked.
  if (response.status !== 204 && response.status !== 404) {
    throw new UploadError(await describeProblem(response, 'The image could not be deleted'));
  }
}

/** A readable message from RFC 9457 problem details, including each field of a validation problem. */
async function describeProblem(response, fallback) {
  try {
    const problem = await response.json();
    const fieldErrors = Object.values(problem.errors ?? {}).flat();
    if (fieldErrors.length) return fieldErrors.join(' ');
    return [problem.title, problem.detail].filter(Boolean).join(': ') || `${fallback} (${response.status}).`;
  } catch {
    return `${fallback} (${response.status}).`;
  }
}

/** The embedded store answers problem details; S3 answers XML <Error><Code/><Message/></Error>. */
function describeStorageError(request) {
  const type = request.getResponseHeader('Content-Type') ?? '';
  try {
    if (type.includes('json')) {
      const problem = JSON.parse(request.responseText);
      return [problem.title, problem.detail].filter(Boolean).join(': ');
    }
    if (type.includes('xml')) {
      const xml = new DOMParser().parseFromString(request.responseText, 'application/xml');
      const message = xml.querySelector('Message')?.textContent;
      if (message) return message;
    }
  } catch {
    // Fall through to the status line.
  }
  return `${request.status} ${request.statusText}`.trim();
}

function addCard(file) {
  const item = template.content.firstElementChild.cloneNode(true);
  const state = item.querySelector('.upload-state');
  const bar = item.querySelector('.upload-progress');
  const error = item.querySelector('.upload-error');
  const thumbnails = item.querySelector('.thumbnails');
  const remove = item.querySelector('.upload-delete');
  item.querySelector('.upload-file').textContent = file.name;
  remove.setAttribute('aria-label', `Delete ${file.name}`);
  bar.setAttribute('aria-label', `Upload progress of ${file.name}`);
  list.prepend(item);

  return {
    state(text) {
      state.textContent = text;
      announce(`${file.name}: ${text}`);
    },
    progress(fraction) {
      bar.value = Math.round(fraction * 100);
    },
    done(text) {
      this.state(text);
      item.classList.add('ready');
      bar.hidden = true;
    },
    fail(message) {
      state.textContent = 'Failed';
      announce(`${file.name} failed. ${message}`);
      item.classList.add('failed');
      bar.hidden = true;
      error.textContent = message;
      error.hidden = false;
    },
    offerDelete(statusUrl, token) {
      remove.hidden = false;
      remove.addEventListener('click', async () => {
        remove.disabled = true;
        try {
          await deleteImage(statusUrl, token);
          thumbnails.replaceChildren();
          thumbnails.hidden = true;
          error.hidden = true;
          remove.hidden = true;
          item.classList.remove('ready', 'failed');
          item.classList.add('deleted');
          this.state('Deleted');
        } catch (failure) {
          remove.disabled = false;
          error.textContent = failure.message;
          error.hidden = false;
          announce(`${file.name}: ${failure.message}`);
        }
      });
    },
    /**
     * One image per preset, served through the API's redirect; resolves when every image has loaded or failed. Until
     * one loads, its box has the image's own ratio and shows the status answer's placeholder, so the page does not
     * jump and the colours are there at once.
     */
    showThumbnails(status) {
      const loads = Object.entries(status.thumbnails).map(([preset, url]) => {
        const figure = document.createElement('li');
        figure.className = 'thumbnail';
        const image = document.createElement('img');
        image.alt = `${preset} thumbnail of ${file.name}`;
        image.dataset.preset = preset;
        const caption = document.createElement('span');
        caption.textContent = preset;
        figure.append(image, caption);
        thumbnails.append(figure);
        if (status.placeholder) {
          image.classList.add('placeholder');
          image.style.aspectRatio = `${status.width} / ${status.height}`;
          image.style.backgroundColor = status.dominantColor;
          image.style.backgroundImage = `url("${status.placeholder}")`;
        }
        const settle = (text) => {
          image.classList.remove('placeholder');
          image.removeAttribute('style');
          caption.textContent = text;
        };
        const loaded = new Promise((resolve) => {
          image.addEventListener('load', () => {
            settle(`${preset} · ${image.naturalWidth}×${image.naturalHeight}`);
            resolve();
          });
          image.addEventListener('error', () => {
            settle(`${preset} · could not load`);
            resolve();
          });
        });
        image.src = url;
        return loaded;
      });
      thumbnails.hidden = false;
      return Promise.all(loads);
    },
  };
}

function announce(text) {
  announcer.textContent = text;
}

function sentence(text) {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function sleep(milliseconds) {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** An error whose message is written for the person using the page. */
class UploadError extends Error {}
