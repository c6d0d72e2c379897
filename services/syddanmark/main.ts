import 'reflect-metadata';
import { runRegionalService } from '../regional/service';
import { syddanmark } from './definition';

void runRegionalService(syddanmark);
