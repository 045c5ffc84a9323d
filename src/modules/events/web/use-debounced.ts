import { useEffect, useState } from 'react';

/** `value` once it has stopped changing for `ms` (what the desk asks the server about while the operator types). */
export function useDebounced<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
