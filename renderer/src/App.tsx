import { useRoute } from './lib/routes';
import { StartScreen } from './start/StartScreen';
import { WorkshopScreen } from './WorkshopScreen';

export function App() {
  const route = useRoute();
  if (route.name === 'workshop') return <WorkshopScreen key={route.id} workshopId={route.id} linkToken={route.token} />;
  return <StartScreen key={route.newWorkshop ? 'new' : 'start'} openNew={route.newWorkshop ?? false} />;
}
