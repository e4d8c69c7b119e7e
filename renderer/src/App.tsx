export function App() {
  return <main>Packet Journey</main>;
}
