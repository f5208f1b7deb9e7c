// The file inputs' `accept` list, made from the import registry at build time (tools/vite/importAccept.ts).
declare module 'virtual:zmd-import-accept' {
  const accept: string;
  export default accept;
}
