import type { ReactNode } from 'react';

/**
 * A button-looking label around a hidden file input: keyboard- and
 * screen-reader-accessible by the label's text, and the same file can be
 * chosen twice in a row (the input is cleared after each pick).
 */
export function FileButton({ accept, onFile, className, children }: { accept: string; onFile: (file: File) => void; className?: string; children: ReactNode }) {
  return (
    <label className={className ? `file-button ${className}` : 'file-button'}>
      {children}
      <input
        type="file"
        accept={accept}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) onFile(file);
        }}
      />
    </label>
  );
}
