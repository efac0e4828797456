/** Entry of dialog.html: show the message at once; the close button asks the command's page to close the dialog. */
import { renderDialog } from "./dialog-view";
import { CLOSE_MESSAGE } from "./notify-dialog";

function close(): void {
  if (typeof Office === "undefined") {
    window.close(); // opened outside Office
    return;
  }
  void Office.onReady().then(() => {
    try {
      Office.context.ui.messageParent(CLOSE_MESSAGE);
    } catch {
      window.close();
    }
  });
}

renderDialog(document, window.location.search, close);
