import { avatarHue, initials } from './format';
import './lists.css';

/** Initials in a tinted circle; decorative (the name is always next to it). */
export function Avatar({ name, email, size = 32 }: { name: string; email: string; size?: number }) {
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ '--hue': avatarHue(email), width: size, height: size, fontSize: size * 0.4 } as React.CSSProperties}
    >
      {initials(name || email)}
    </span>
  );
}
