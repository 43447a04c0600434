{
    "name": "Hub Connector",
    "summary": "Fields the ERP integration hub (connector-odoo) writes: x_hub_correlation_id "
    "on transfers and quants",
    "version": "17.0.1.0.0",
    "category": "Inventory/Inventory",
    "license": "LGPL-3",
    "depends": ["stock"],
    "data": ["data/ir_model_fields.xml"],
    "installable": True,
    "application": False,
}
