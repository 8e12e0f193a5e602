// The benchmark's baseline: React Flow as its documentation shows it, with N default nodes at
// the same positions as the cards on our board, state held with useNodesState, nothing else.
import { createRoot } from 'react-dom/client';
import { ReactFlow, useNodesState, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { benchCards } from '../canvas-layout';

const n = Number(new URLSearchParams(location.search).get('n') ?? '200');
const initial: Node[] = benchCards(n).map((c, i) => ({ id: `n${i}`, position: { x: c.x, y: c.y }, data: { label: c.text } }));

function App() {
  const [nodes, , onNodesChange] = useNodesState(initial);
  return <ReactFlow nodes={nodes} onNodesChange={onNodesChange} fitView minZoom={0.05} />;
}

createRoot(document.getElementById('root')!).render(<App />);
