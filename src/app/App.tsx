import { useEffect } from 'react';
import { startLab } from './labClient';
import { ComparePanel } from './panels/ComparePanel';
import { DataPanel } from './panels/DataPanel';
import { Header } from './panels/Header';
import { MethodPanel } from './panels/MethodPanel';
import { MethodViewsPanel } from './panels/MethodViewsPanel';
import { ResultsPanel } from './panels/ResultsPanel';
import { RunsPanel } from './panels/RunsPanel';
import { TrainingPanel } from './panels/TrainingPanel';

export function App() {
  useEffect(() => {
    void startLab();
  }, []);
  return (
    <div className="app">
      <Header />
      <main className="layout">
        <div className="column controls">
          <DataPanel />
          <MethodPanel />
          <RunsPanel />
        </div>
        <div className="column outputs">
          <TrainingPanel />
          <ResultsPanel />
          <MethodViewsPanel />
        </div>
      </main>
      <div className="wide">
        <ComparePanel />
      </div>
    </div>
  );
}
