// What the command line prints comes partly from the network it was given (page titles, DNS names, file names): a
// control character in it would reach the terminal as a command — ESC ] 0 ; … BEL retitles the window, ESC [2J
// clears it. Every line is printed with control characters (C0 but line feed and tab, DEL, C1) written as \xHH.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === '\r') return '\\r';
    return `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  });
}
