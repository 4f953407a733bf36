import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { theme } from './theme.js';

/** Props of Countdown. */
export interface CountdownProps {
  /** ISO time when the request is denied. */
  expires: string;
  now: () => number;
}

/** "Denied in 1:58 if nobody answers", ticking every second. */
export function Countdown({ expires, now }: CountdownProps) {
  const [time, setTime] = useState(now());
  useEffect(() => {
    const timer = setInterval(() => setTime(now()), 1000);
    return () => clearInterval(timer);
  }, [now]);
  const left = Math.max(0, Math.ceil((Date.parse(expires) - time) / 1000));
  const text = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return <Text color={left <= 10 ? theme.danger : theme.muted}>Denied in {text} if nobody answers (the default).</Text>;
}
