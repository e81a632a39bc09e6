// The contact module's public face: other modules import only from here.
export { contactRoutes } from './contact.routes.tsx';
