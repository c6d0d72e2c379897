import 'reflect-metadata';
import { runRegionalService } from '../regional/service';
import { nordjylland } from './definition';

void runRegionalService(nordjylland);
