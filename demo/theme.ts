export type DemoTheme = 'light' | 'dark' | 'auto';

export function pickTheme(value: string | null | undefined): DemoTheme {
  return value === 'light' || value === 'dark' ? value : 'auto';
}

export function readStoredTheme(): DemoTheme {
  try {
    return pickTheme(localStorage.getItem('poolse-demo-theme'));
  } catch {
    return 'auto';
  }
}
