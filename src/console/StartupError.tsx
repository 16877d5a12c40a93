/** Shown instead of the console when the emulator failed to start (no service worker, IndexedDB refused). */
import './console.css';

interface StartupErrorProps {
  message: string;
}

export function StartupError({ message }: StartupErrorProps) {
  return (
    <main className="console-page">
      <h1>kmsw console</h1>
      <p role="alert" className="error">
        The KMS emulator failed to start: {message}
      </p>
    </main>
  );
}
