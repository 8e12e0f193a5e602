import { useRoute } from './lib/routes';
import { StartScreen } from './start/StartScreen';
import { WorkshopScreen } from './WorkshopScreen';

export function App() {
  const route = useRoute();
  if (route.name === 'workshop')
    return (
      <WorkshopScreen
        key={`${route.id}${route.audience ? ':audience' : ''}`}
        workshopId={route.id}
        linkToken={route.token}
        audience={route.audience ?? false}
      />
    );
  return <StartScreen key={route.newWorkshop ? 'new' : 'start'} openNew={route.newWorkshop ?? false} />;
}
