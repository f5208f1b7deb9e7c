/** Saves a Blob as a file through the browser's own download (works offline). */
function saveBlob(fileName: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves text as a file. */
export function downloadText(fileName: string, text: string, mimeType: string) {
  saveBlob(fileName, new Blob([text], { type: mimeType }));
}

/** Saves bytes (a zip, a workbook) as a file. */
export function downloadBytes(fileName: string, bytes: Uint8Array, mimeType: string) {
  saveBlob(fileName, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }));
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
