import { useEffect } from 'react';
import { setPalette } from './components/colormap';
import { startLab } from './labClient';
import { ClassroomBar } from './panels/ClassroomBar';
import { LessonsPanel } from './panels/LessonsPanel';
import { StepPanel } from './panels/StepPanel';
import { usePrefs } from './prefs';
import { useShortcuts } from './shortcuts';
import { ComparePanel } from './panels/ComparePanel';
import { DataPanel } from './panels/DataPanel';
import { Header } from './panels/Header';
import { MaskPanel } from './panels/MaskPanel';
import { MethodPanel } from './panels/MethodPanel';
import { MethodViewsPanel } from './panels/MethodViewsPanel';
import { ResultsPanel } from './panels/ResultsPanel';
import { RunsPanel } from './panels/RunsPanel';
import { TrainingPanel } from './panels/TrainingPanel';

export function App() {
  useEffect(() => {
    void startLab();
  }, []);
  useShortcuts();
  const palette = usePrefs((s) => s.palette);
  // Set during render so that the outputs, remounted by their key, draw with the new colour map.
  setPalette(palette);
  return (
    <div className="app">
      <Header />
      <ClassroomBar />
      <main className="layout">
        <div className="column controls">
          <LessonsPanel />
          <DataPanel />
          <MethodPanel />
          <RunsPanel />
        </div>
        <div className="column outputs" key={palette}>
          <TrainingPanel />
          <StepPanel />
          <ResultsPanel />
          <MethodViewsPanel />
          <MaskPanel />
        </div>
      </main>
      <div className="wide" key={palette}>
        <ComparePanel />
      </div>
    </div>
  );
}
