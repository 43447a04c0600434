CREATE DATABASE apicurio_registry;
