# Data only: the module creates its fields from data/ir_model_fields.xml, no Python models.
