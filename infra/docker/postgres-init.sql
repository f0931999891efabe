-- Databases of the compose deployment: one per store (its event store and read models) and HQ's.
CREATE DATABASE rooftop_sh_001;
CREATE DATABASE rooftop_hq;
