-- One database per service; each service applies its own migrations at start-up.
CREATE DATABASE intake;
CREATE DATABASE programs;
CREATE DATABASE sessions;
CREATE DATABASE form;
