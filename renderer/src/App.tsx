import { useRoute } from './lib/routes';
import { StartScreen } from './start/StartScreen';
import { WorkshopScreen } from './WorkshopScreen';
import { UpdateNotice } from './offline/UpdateNotice';

export function App() {
  const route = useRoute();
  return (
    <>
      {route.name === 'workshop' ? (
        <WorkshopScreen
          key={`${route.id}${route.audience ? ':audience' : ''}${route.presenter ? ':presenter' : ''}`}
          workshopId={route.id}
          linkToken={route.token}
          audience={route.audience ?? false}
          presenter={route.presenter ?? false}
        />
      ) : (
        <StartScreen key={route.newWorkshop ? 'new' : 'start'} openNew={route.newWorkshop ?? false} />
      )}
      <UpdateNotice />
    </>
  );
}
