#pragma once
typedef struct sdmmc_card_t { int dummy; } sdmmc_card_t;
