import { type Decider } from '@rooftop/eventsourcing';
import { evolveVehicle } from './vehicle.evolve.js';
import { type WorkshopSettings } from '../settings.js';
import { decideVehicle } from './vehicle.decide.js';
import { initialVehicle, type Vehicle, type VehicleCommand, type VehicleEvent } from './vehicle.state.js';

export * from './vehicle.state.js';
export { evolveVehicle } from './vehicle.evolve.js';

export const vehicleDecider = (settings: WorkshopSettings): Decider<VehicleCommand, Vehicle, VehicleEvent> => ({
  decide: decideVehicle(settings),
  evolve: evolveVehicle,
  initialState: initialVehicle,
});
