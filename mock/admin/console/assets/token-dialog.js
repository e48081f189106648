// @ts-check
import { byId } from './dom.js';

/**
 * Asks for the admin token in the page's modal dialog: labelled, focus inside while open, Escape or
 * Cancel to give up. Resolves to the token, or null when the user cancels.
 * @param {boolean} refused whether the mock refused the token sent
 * @returns {Promise<string | null>}
 */
export function askToken(refused) {
  const dialog = byId('token-dialog', HTMLDialogElement);
  const form = byId('token-form', HTMLFormElement);
  const input = byId('token-input', HTMLInputElement);
  const cancel = byId('token-cancel', HTMLButtonElement);
  byId('token-refused', HTMLElement).hidden = !refused;
  input.value = '';
  return new Promise((resolve) => {
    /** @param {string | null} token */
    const finish = (token) => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('close', onClose);
      if (dialog.open) dialog.close();
      resolve(token);
    };
    /** @param {SubmitEvent} event */
    const onSubmit = (event) => {
      event.preventDefault();
      const token = input.value.trim();
      if (token === '') {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      input.removeAttribute('aria-invalid');
      finish(token);
    };
    const onCancel = () => {
      finish(null);
    };
    const onClose = () => {
      finish(null);
    };
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('close', onClose);
    dialog.showModal();
    input.focus();
  });
}
