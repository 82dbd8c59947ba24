/** The test-run input being prepared (kept while the run panel is hidden): the chosen sample and the JSON text. */
import { create } from 'zustand';

interface RunInputState {
  sample: string;
  text: string;
  setSample(sample: string, text: string): void;
  setText(text: string): void;
}

export const useRunInput = create<RunInputState>((set) => ({
  sample: '',
  text: '{}',
  setSample: (sample, text) => set({ sample, text }),
  setText: (text) => set({ text }),
}));
