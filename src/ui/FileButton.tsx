import type { ReactNode } from 'react';
// What the import registry reads (io/import/registry.ts acceptList), as a string made by the build
// (tools/vite/importAccept.ts): importing the registry here would bring every reader into the main bundle.
import ACCEPT from 'virtual:zmd-import-accept';

/**
 * A button-looking label around a hidden file input for data files: keyboard-
 * and screen-reader-accessible by the label's text, accepting what the import
 * registry reads, several files at once (a Shapefile's parts), and the same
 * files can be chosen twice in a row (the input is cleared after each pick).
 */
export function FileButton({ onFiles, className, children }: { onFiles: (files: File[]) => void; className?: string; children: ReactNode }) {
  return (
    <label className={className ? `file-button ${className}` : 'file-button'}>
      {children}
      <input
        type="file"
        accept={ACCEPT}
        multiple
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </label>
  );
}
